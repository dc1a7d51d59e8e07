/**
 * Caps the connections one address may hold open on the HTTP server. A connection over the cap is
 * closed as soon as it is accepted, before a byte of it is read. Peers that TRUST_PROXY names (a proxy
 * carries many clients on its connections) are not capped.
 *
 * Why: ~19,900 connections from one address that never finished their headers used up every file
 * descriptor of the process, and with them the other port too (issue #26). The cap bounds what one
 * address holds; the server's `headersTimeout` (HEADERS_TIMEOUT_MS) closes the ones that never finish
 * their headers; idle connections whose request is complete keep the long keep-alive.
 */
import type { Server } from 'node:net';

export interface ConnectionGuardOptions {
  /** Most connections open at once from one address. */
  readonly perAddress: number;
  /** True for a peer that is not capped (a trusted proxy). */
  readonly exempt: (address: string) => boolean;
}

export interface ConnectionGuard {
  /** Connections open now from addresses that are capped. */
  readonly open: number;
  /** Connections closed on arrival because their address was at its cap, since start. */
  readonly refused: number;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one address. */
const normalise = (address: string) => (address.startsWith('::ffff:') ? address.slice(7) : address);

export function guardConnections(server: Server, options: ConnectionGuardOptions): ConnectionGuard {
  const perAddress = new Map<string, number>();
  let open = 0;
  let refused = 0;
  server.on('connection', (socket) => {
    const address = normalise(socket.remoteAddress ?? '');
    if (options.exempt(address)) return;
    const count = perAddress.get(address) ?? 0;
    if (count >= options.perAddress) {
      refused += 1;
      socket.destroy();
      return;
    }
    perAddress.set(address, count + 1);
    open += 1;
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });
  return {
    get open() {
      return open;
    },
    get refused() {
      return refused;
    },
  };
}
