/**
 * What an anonymous client may cost before it signs in. Every engine.io handshake creates a session
 * (buffers, timers, a Socket.IO client) that lives until it connects with a valid token or its
 * connect timeout closes it; 22,000 polling handshakes a second took the heap to 1.7 GB. So:
 *
 * - each address has a budget of handshakes (a token bucket: `perAddressPerMinute` at once, refilled
 *   evenly over a minute); past it a handshake is refused by engine.io's `allowRequest` before any
 *   session exists (403 `{"code":4,"message":"too_many_handshakes"}`; on a WebSocket upgrade of the
 *   ws engine, 400 with that message);
 * - sessions without a signed-in socket are at most `maxPending` in total on this node: when one
 *   more arrives, the oldest such session is closed. A real client signs in within moments of its
 *   handshake, so it is never the oldest; one that only handshakes is.
 *
 * Both engines go through engine.io's `verify` → `allowRequest` for every handshake (polling or a
 * direct WebSocket), so one gate serves both. The address is the peer's own (the socket's).
 */
import { isIP } from 'node:net';
import type { HubServer, HubSocket } from './types.js';

export interface HandshakeLimits {
  /** Handshakes one address may start per minute (also the most at once). */
  readonly perAddressPerMinute: number;
  /** Sessions not yet signed in, in total on this node. */
  readonly maxPending: number;
}

type AllowRequest = (req: unknown, callback: (message: string | undefined, success: boolean) => void) => void;
type Conn = HubSocket['conn'];

/** Addresses remembered at most; past it the longest-known are forgotten (the pending cap still holds). */
const maxAddresses = 100_000;

/** The key of an address: IPv4 as it is (also when mapped into IPv6), IPv6 by its /64 (one host's usual share). */
export function addressKey(address: string): string {
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) return address.slice(7);
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The peer's address of a handshake request: node's IncomingMessage, or engine.io's uWS request. */
function peerOf(req: unknown): string {
  const r = req as { socket?: { remoteAddress?: string }; connection?: { remoteAddress?: string } };
  return r.socket?.remoteAddress ?? r.connection?.remoteAddress ?? 'unknown';
}

interface Budget {
  tokens: number;
  last: number;
}

export interface HandshakeGate {
  /** engine.io's `allowRequest` option: called for every handshake, never for requests of a session. */
  readonly allowRequest: AllowRequest;
  /** Starts counting `io`'s sessions (call once the engine is attached). */
  watch(io: HubServer): void;
  /** Tells `listener` of every handshake refused because its address spent its budget (metrics). */
  onRefused(listener: (limit: typeof socketHandshakesLimit) => void): void;
}

/** The name the per-address handshake budget is counted under in `kj_rate_limit_refusals_total`. */
export const socketHandshakesLimit = 'socket-handshakes';

export function createHandshakeGate(limits: HandshakeLimits, now: () => number = () => performance.now()): HandshakeGate {
  const perMs = limits.perAddressPerMinute / 60_000;
  const budgets = new Map<string, Budget>();

  /** Takes one handshake from `key`'s budget; false when it is spent. */
  const take = (key: string): boolean => {
    const t = now();
    let budget = budgets.get(key);
    if (budget) {
      budget.tokens = Math.min(limits.perAddressPerMinute, budget.tokens + (t - budget.last) * perMs);
      budget.last = t;
    } else {
      if (budgets.size >= maxAddresses) forgetFullBudgets(t);
      budgets.set(key, (budget = { tokens: limits.perAddressPerMinute, last: t }));
    }
    if (budget.tokens < 1) return false;
    budget.tokens -= 1;
    return true;
  };

  /** Drops the budgets that have refilled (they equal a fresh one), else the longest-known half. */
  function forgetFullBudgets(t: number): void {
    for (const [key, b] of budgets) if (b.tokens + (t - b.last) * perMs >= limits.perAddressPerMinute) budgets.delete(key);
    if (budgets.size < maxAddresses) return;
    let drop = budgets.size / 2;
    for (const key of budgets.keys()) {
      if (drop-- <= 0) break;
      budgets.delete(key);
    }
  }

  // Sessions without a signed-in socket, oldest first (a Set keeps insertion order).
  const pending = new Set<Conn>();
  function onPendingClose(this: Conn): void {
    pending.delete(this);
  }

  let refused: ((limit: typeof socketHandshakesLimit) => void) | undefined;

  return {
    allowRequest(req, callback) {
      if (!take(addressKey(peerOf(req)))) {
        refused?.(socketHandshakesLimit);
        return callback('too_many_handshakes', false);
      }
      callback(undefined, true);
    },
    watch(io) {
      io.engine.on('connection', (conn: Conn) => {
        if (pending.size >= limits.maxPending) {
          const oldest = pending.values().next().value;
          if (oldest) {
            pending.delete(oldest);
            oldest.close(true); // at once: a polling session would otherwise wait for its next poll
          }
        }
        pending.add(conn);
        conn.once('close', onPendingClose);
      });
      // A socket that connected has passed the token check: its session is no longer anonymous.
      io.on('connection', (socket) => {
        if (pending.delete(socket.conn)) socket.conn.off('close', onPendingClose);
      });
    },
    onRefused(listener) {
      refused = listener;
    },
  };
}
