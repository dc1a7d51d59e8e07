/**
 * Sessions that end when asked. Sign-out lists the token as revoked on the user record; a password
 * change moves the user's token generation on (every older token stops) and hands back a new token;
 * deletion ends them all. Each is written to the store first, then broadcast on `sessionsChannel` to
 * every node, which drops the user from its 5 s accounts cache (here); the realtime layer hears the
 * same broadcast and cuts off that user's sockets whose token no longer passes
 * (realtime/session-revocation.ts).
 */
import { Types, type Connection } from 'mongoose';
import type { PasswordBody } from '../../../shared/schemas/profile.js';
import { unauthorized } from '../../errors.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';
import type { AccountService } from './service.js';
import { userModel } from './model.js';
import type { Passwords } from './password.js';
import { tokenHash } from './session-state.js';
import type { TokenSigner } from './tokens.js';
import type { Viewer } from './viewer.js';

export interface SessionDeps {
  readonly conn: Connection;
  readonly tokens: TokenSigner;
  readonly accounts: Pick<AccountService, 'evict'>;
  readonly bus: Pick<ClusterBus, 'broadcast' | 'onBroadcast'>;
  readonly passwords: Passwords;
}

/** Sign-outs remembered per user; beyond it the oldest fall off once expired, or the generation moves. */
const maxRevoked = 200;
/** The cluster-bus channel telling every node that a user's sessions or profile changed. */
export const sessionsChannel = 'accounts:changed';

/** The user a `sessionsChannel` message is about (undefined: not such a message). */
export function changedUserOf(message: unknown): string | undefined {
  const userId = (message as { userId?: unknown } | null)?.userId;
  return typeof userId === 'string' ? userId : undefined;
}

export function createSessions({ conn, tokens, accounts, bus, passwords }: SessionDeps) {
  const users = userModel(conn);

  // Every node forgets the cached user. Registered when the services are built, so before the
  // realtime layer's listener of the same channel, which re-checks sockets against fresh records.
  bus.onBroadcast(sessionsChannel, (message) => {
    const userId = changedUserOf(message);
    if (userId) accounts.evict(userId);
  });

  /** Tells every node (this one included) that a user's sessions or profile changed. */
  const announce = (userId: string) => bus.broadcast(sessionsChannel, { userId });

  return {
    announce,

    /** Ends the session of `token` (the caller's own), on REST and sockets, on every node. */
    async logout(viewer: Viewer, token: string): Promise<void> {
      const claims = tokens.verify(token);
      if (!claims || claims.sub !== viewer.id) throw unauthorized();
      const now = new Date();
      const id = new Types.ObjectId(viewer.id);
      // Expired entries go first, so the list holds only tokens that would still work.
      await users.updateOne({ _id: id }, { $pull: { revokedTokens: { exp: { $lte: now } } } });
      const updated = await users.findOneAndUpdate(
        { _id: id },
        { $push: { revokedTokens: { h: tokenHash(token), exp: new Date(claims.exp * 1000) } } },
        { returnDocument: 'after', projection: { revokedTokens: 1 } },
      );
      // A user who signed out of hundreds of live sessions: end them all by generation instead.
      if ((updated?.revokedTokens?.length ?? 0) > maxRevoked) {
        await users.updateOne({ _id: id }, { $inc: { tokenGen: 1 }, $set: { revokedTokens: [] } });
      }
      announce(viewer.id);
    },

    /** Changes the password: every other token stops at once; the answer carries a new one. */
    async changePassword(viewer: Viewer, body: PasswordBody): Promise<{ token: string }> {
      const id = new Types.ObjectId(viewer.id);
      const u = await users.findById(id, { passwordHash: 1 }).lean<{ passwordHash: string }>();
      const owner = { address: `user:${viewer.id}`, account: viewer.id };
      if (!u || !(await passwords.verify(body.current, u.passwordHash, owner))) throw unauthorized('the current password is wrong');
      const passwordHash = await passwords.hash(body.next, owner);
      const updated = await users
        .findOneAndUpdate(
          { _id: id },
          { $set: { passwordHash, revokedTokens: [] }, $inc: { tokenGen: 1 } },
          { returnDocument: 'after', projection: { tokenGen: 1 } },
        )
        .lean<{ tokenGen: number }>();
      if (!updated) throw unauthorized();
      announce(viewer.id);
      return { token: tokens.sign(viewer.id, updated.tokenGen) };
    },

    /** Checks a user's password (account deletion asks for it again). */
    async checkPassword(userId: string, password: string): Promise<void> {
      const u = await users.findById(new Types.ObjectId(userId), { passwordHash: 1 }).lean<{ passwordHash: string }>();
      const owner = { address: `user:${userId}`, account: userId };
      if (!u || !(await passwords.verify(password, u.passwordHash, owner))) throw unauthorized('the password is wrong');
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** The bearer token of a request, as the HTTP layer accepted it. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([\w.-]{1,512})$/.exec(header ?? '');
  if (!match?.[1]) throw unauthorized();
  return match[1];
}
