/**
 * Sockets of an ended session are cut off on every node. The sessions service announces on the
 * cluster bus that a user's sessions changed (sign-out, password change, deletion); here each node
 * re-checks the token of that user's sockets it holds, and one that no longer passes gets
 * `server:notice` `revoked` and is disconnected.
 */
import type { Logger } from '../logger.js';
import { changedUserOf, sessionsChannel } from '../modules/accounts/sessions.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { ClusterBus } from './cluster-bus.js';
import { rooms } from './rooms.js';

export interface SessionRevocationDeps {
  readonly bus: Pick<ClusterBus, 'onBroadcast' | 'localSocketsIn'>;
  /** Who a token belongs to now (null: it no longer passes). */
  readonly authenticate: (token: string | undefined) => Promise<Viewer | null>;
  readonly logger: Logger;
}

/**
 * Listens for session changes. Call it after the services are built: the accounts cache drops the
 * user on the same broadcast, and its handler must run first for the re-check to read the store.
 */
export function endRevokedSessions({ bus, authenticate, logger }: SessionRevocationDeps): void {
  bus.onBroadcast(sessionsChannel, (message) => {
    const userId = changedUserOf(message);
    if (!userId) return;
    for (const socket of bus.localSocketsIn(rooms.user(userId))) {
      const raw: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      authenticate(typeof raw === 'string' ? raw : undefined).then(
        (viewer) => {
          if (viewer?.id === userId) return;
          socket.emit('server:notice', { code: 'revoked', message: 'this session has ended; sign in again' });
          socket.disconnect(true);
        },
        (err: unknown) => logger.warn({ err, userId }, 'session re-check failed'),
      );
    }
  });
}
