/**
 * Caps the WebSockets one address holds open on the uws engine's own port, as
 * http/connection-guard.ts caps connections on the HTTP port (CONNECTIONS_PER_ADDRESS for both).
 *
 * This uWS build calls no code for a connection it has only just accepted, so the cap applies where
 * uWS first hands a connection over: its WebSocket upgrade. Past the cap the upgrade is answered
 * 429 `too_many_connections` and the connection closed, before engine.io sees it. A connection that
 * never finishes its headers is closed by uWS itself (after about 10 s). Peers that TRUST_PROXY names
 * are not capped (a proxy carries many clients).
 */
import type uWS from 'uWebSockets.js';
import { addressKey } from './handshake-gate.js';

export interface SocketCapOptions {
  /** Most WebSockets open at once from one address. */
  readonly perAddress: number;
  /** True for a peer that is not capped (a trusted proxy). */
  readonly exempt: (address: string) => boolean;
}

export interface SocketCap {
  /** WebSockets open now from addresses that are capped. */
  readonly open: number;
  /** Upgrades refused because their address was at its cap, since start. */
  readonly refused: number;
  /** Sets (or changes) the cap; until called, nothing is capped. */
  configure(options: SocketCapOptions): void;
  /** `behavior` with the cap applied to its upgrade, open and close. */
  wrap<T>(behavior: uWS.WebSocketBehavior<T>): uWS.WebSocketBehavior<T>;
}

const text = (address: ArrayBuffer) => Buffer.from(address).toString();

export function createSocketCap(): SocketCap {
  let options: SocketCapOptions | undefined;
  const perAddress = new Map<string, number>();
  /** The capped address each open socket counts against. */
  const counted = new WeakMap<object, string>();
  let open = 0;
  let refused = 0;

  const capped = (address: string): string | undefined => (options && !options.exempt(address) ? addressKey(address) : undefined);

  return {
    get open() {
      return open;
    },
    get refused() {
      return refused;
    },
    configure(next) {
      options = next;
    },
    wrap(behavior) {
      const { upgrade, open: opened, close } = behavior;
      return {
        ...behavior,
        upgrade: (res, req, context) => {
          const key = capped(text(res.getRemoteAddressAsText()));
          if (key !== undefined && (perAddress.get(key) ?? 0) >= options!.perAddress) {
            refused += 1;
            res.writeStatus('429 Too Many Requests').end('too_many_connections', true);
            return;
          }
          void upgrade?.(res, req, context);
        },
        open: (ws) => {
          const key = capped(text(ws.getRemoteAddressAsText()));
          if (key !== undefined) {
            counted.set(ws, key);
            perAddress.set(key, (perAddress.get(key) ?? 0) + 1);
            open += 1;
          }
          void opened?.(ws);
        },
        close: (ws, code, message) => {
          const key = counted.get(ws);
          if (key !== undefined) {
            counted.delete(ws);
            open -= 1;
            const left = (perAddress.get(key) ?? 1) - 1;
            if (left > 0) perAddress.set(key, left);
            else perAddress.delete(key);
          }
          close?.(ws, code, message);
        },
      };
    },
  };
}
