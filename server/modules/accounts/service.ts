/** Accounts: registration, sign-in, token checks, and user look-ups for every other module. */
import { Types, type Connection } from 'mongoose';
import type { AuthResponse, MeDto, Role, Tier, UserDto, UserLocale } from '../../../shared/dto.js';
import type { LoginBody, RegisterBody } from '../../../shared/schemas/auth.js';
import { conflict, notFound, unauthorized } from '../../errors.js';
import type { RateLimitRule, RateLimits } from '../../rate-limits.js';
import { screenFields } from '../moderation/field-screen.js';
import type { TextScreen } from '../moderation/screening.js';
import { markerModel, userModel } from './model.js';
import type { Passwords } from './password.js';
import type { TokenSigner } from './tokens.js';
import type { Viewer } from './viewer.js';
import { batchedLookup } from '../../db/batcher.js';
import { profileOf, userProjection, type ProfileFields } from './profile-view.js';
import { sessionOf, tokenAccepted, type SessionFields, type SessionState } from './session-state.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

interface StoredUser extends ProfileFields, SessionFields {
  readonly _id: Types.ObjectId;
  readonly handle: string;
  readonly displayName: string;
  readonly role: string;
  readonly tier: string;
  readonly locale?: UserLocale | null;
  readonly hiddenVisits?: boolean | null;
}

/**
 * Sign-in protection as rate-limiter-flexible's login example does it: failures are counted per
 * (handle, address) and per address, so someone else's wrong guesses never lock an owner out
 * (handles are public); a success clears its (handle, address) count. Every sign-in, right or
 * wrong, also spends a budget per (handle, address) and per address before any scrypt work (a
 * budget per handle alone would let anyone lock an owner out); what one account takes from the CPU
 * across addresses is bounded by the password queue (password-queue.ts).
 */
export const loginRules = {
  /** Sign-ins, right or wrong, of one handle from one address. */
  signInsPerHandleAndIp: { name: 'login-handle-ip', points: 300, perSeconds: 10 * 60 },
  /** Sign-ins, right or wrong, from one address whatever the handle. */
  signInsPerIp: { name: 'login-ip', points: 1000, perSeconds: 10 * 60 },
  /** Consecutive failures of one handle from one address. */
  failsPerHandleAndIp: { name: 'login-fail-handle-ip', points: 10, perSeconds: 15 * 60 },
  /** Failures from one address, whatever the handle (slows guessing across many handles). */
  failsPerIp: { name: 'login-fail-ip', points: 100, perSeconds: 60 * 60 },
  registerPerIp: { name: 'register-ip', points: 30, perSeconds: 10 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export function toUserDto(u: StoredUser): UserDto {
  return { id: u._id.toHexString(), handle: u.handle, displayName: u.displayName, tier: u.tier as Tier, ...profileOf(u) };
}

function toMeDto(u: StoredUser): MeDto {
  return {
    ...toUserDto(u),
    role: u.role as Role,
    ...(u.locale ? { locale: u.locale } : {}),
    ...(u.hiddenVisits ? { hiddenVisits: true } : {}),
  };
}

export interface AccountServiceDeps {
  readonly conn: Connection;
  readonly tokens: TokenSigner;
  readonly rateLimits: RateLimits;
  /** The hub's password hashing (its queue and cost). */
  readonly passwords: Passwords;
  /** The keyword rules handles and display names are screened by (moderation's). */
  readonly screen?: TextScreen;
  /** Runs after every registration (creates the user's space); a failure undoes the account. */
  readonly afterRegister?: AfterRegisterHook;
}

export type AfterRegisterHook = (user: UserDto) => Promise<void>;

const cacheTtlMs = 5_000;
const cacheMax = 50_000;

export function createAccountService({ conn, tokens, rateLimits, passwords, screen, afterRegister }: AccountServiceDeps) {
  const users = userModel(conn);
  /** Users by handle: the look-ups made meanwhile (every chat send names its peer) share one query. */
  const userByHandle = batchedLookup<string, StoredUser>(async (handles) => {
    const found = await users.find({ handle: { $in: handles } }, userProjection).lean<StoredUser[]>();
    return new Map(found.map((u) => [u.handle, u]));
  });
  const markers = markerModel(conn);
  const cache = new Map<
    string,
    { user: UserDto; viewer: Viewer; session: SessionState; locale: UserLocale | null; hiddenVisits: boolean; at: number }
  >();
  // Bumped by `evict`: a look-up that started before an eviction must not re-cache what it read.
  const epochs = new Map<string, number>();
  /**
   * The id each cached handle named when it was read: a handle's look-up (a visit, a chat send to
   * that person, a space page) answers from the user's cached entry while it is fresh, as a look-up
   * by id does. Only a hint: the entry must still be there, fresh, and hold the same handle.
   */
  const idOfHandle = new Map<string, string>();

  const entryOf = (u: StoredUser) => {
    const user = toUserDto(u);
    return {
      user,
      viewer: { id: user.id, handle: user.handle, role: u.role as Role, tier: user.tier },
      session: sessionOf(u),
      locale: u.locale ?? null,
      hiddenVisits: u.hiddenVisits === true,
      at: Date.now(),
    };
  };
  const remember = (u: StoredUser) => {
    const entry = entryOf(u);
    const { user } = entry;
    if (cache.size >= cacheMax) cache.delete(cache.keys().next().value as string);
    cache.set(user.id, entry);
    if (idOfHandle.size >= cacheMax) idOfHandle.clear();
    idOfHandle.set(user.handle, user.id);
    return entry;
  };

  // Look-ups that miss the cache within one turn of the event loop share one `$in` query: a burst
  // of socket handshakes (a node restart, a reconnect storm) costs a few queries, not one each.
  let batch: Map<string, Array<{ resolve: (u: StoredUser | null) => void; reject: (err: unknown) => void }>> | null = null;
  const flush = (): void => {
    const waiting = batch;
    batch = null;
    if (!waiting) return;
    users
      .find({ _id: { $in: [...waiting.keys()].map((id) => new Types.ObjectId(id)) } }, userProjection)
      .lean<StoredUser[]>()
      .then(
        (found) => {
          const byId = new Map(found.map((u) => [u._id.toHexString(), u]));
          for (const [id, waiters] of waiting) for (const w of waiters) w.resolve(byId.get(new Types.ObjectId(id).toHexString()) ?? null);
        },
        (err: unknown) => {
          for (const waiters of waiting.values()) for (const w of waiters) w.reject(err);
        },
      );
  };
  const fetchUser = (id: string): Promise<StoredUser | null> =>
    new Promise((resolve, reject) => {
      if (!batch) {
        batch = new Map();
        setImmediate(flush);
      }
      const waiters = batch.get(id);
      if (waiters) waiters.push({ resolve, reject });
      else batch.set(id, [{ resolve, reject }]);
      if (batch.size >= 500) flush();
    });

  async function lookup(id: string) {
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < cacheTtlMs) return hit;
    if (!Types.ObjectId.isValid(id)) return null;
    const epoch = epochs.get(id);
    const u = await fetchUser(id);
    if (!u) {
      cache.delete(id);
      return null;
    }
    // Read before an eviction of this user: answered (it was current when the call began), not kept.
    if (epochs.get(id) !== epoch) return entryOf(u);
    return remember(u);
  }

  /** The first user to register becomes a moderator, decided by a unique marker insert (race-free). */
  async function claimFirstModerator(userId: string): Promise<boolean> {
    try {
      await markers.create({ _id: 'first-moderator', userId });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  return {
    /** Creates an account and signs it in. */
    async register(input: RegisterBody, ip: string): Promise<AuthResponse> {
      await rateLimits.consume(loginRules.registerPerIp, ip);
      screenFields(screen, { handle: input.handle, displayName: input.displayName });
      if (await users.exists({ handle: input.handle })) throw conflict('that handle is taken');
      const passwordHash = await passwords.hash(input.password, { address: ip, account: input.handle });
      let created: StoredUser;
      try {
        const doc = await users.create({
          handle: input.handle,
          displayName: input.displayName,
          passwordHash,
          locale: input.locale ?? null,
        });
        created = recordOf<StoredUser>(doc);
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('that handle is taken');
        throw err;
      }
      const id = created._id.toHexString();
      try {
        if (await claimFirstModerator(id)) {
          await users.updateOne({ _id: created._id }, { $set: { role: 'moderator' } });
          created = { ...created, role: 'moderator' };
        }
        await afterRegister?.(toUserDto(created));
      } catch (err) {
        // No half-made account: without its space the account is unusable.
        await users.deleteOne({ _id: created._id });
        throw err;
      }
      remember(created);
      return { user: toMeDto(created), token: tokens.sign(id, created.tokenGen ?? 0) };
    },

    /** Checks a handle and password; sign-ins and failures are limited per (handle, address) and per address. */
    async login(input: LoginBody, ip: string): Promise<AuthResponse> {
      const pair = `${input.handle}|${ip}`;
      // A zero-cost spend only checks: an address past its failures is refused before any scrypt work.
      await rateLimits.consume(loginRules.failsPerIp, ip, 0);
      await rateLimits.consume(loginRules.failsPerHandleAndIp, pair, 0);
      await rateLimits.consume(loginRules.signInsPerIp, ip);
      await rateLimits.consume(loginRules.signInsPerHandleAndIp, pair);
      const u = await users.findOne({ handle: input.handle }).lean<StoredUser & { passwordHash: string }>();
      const owner = { address: ip, account: input.handle };
      // An unknown handle is checked against a dummy hash: the answer takes as long as a wrong password.
      const ok = u ? await passwords.verify(input.password, u.passwordHash, owner) : await passwords.verifyNobody(input.password, owner);
      if (!u || !ok) {
        await rateLimits.consume(loginRules.failsPerIp, ip);
        await rateLimits.consume(loginRules.failsPerHandleAndIp, pair);
        throw unauthorized('wrong handle or password');
      }
      await rateLimits.reset(loginRules.failsPerHandleAndIp, pair);
      remember(u);
      return { user: toMeDto(u), token: tokens.sign(u._id.toHexString(), u.tokenGen ?? 0) };
    },

    /** The viewer behind a bearer token, or null if the token is bad, expired, or its account is gone. */
    async authenticate(token: string | undefined): Promise<Viewer | null> {
      if (!token) return null;
      const claims = tokens.verify(token);
      if (!claims) return null;
      const entry = await lookup(claims.sub);
      return entry && tokenAccepted(entry.session, claims, token) ? entry.viewer : null;
    },

    /**
     * Forgets what this node cached about a user (sessions.ts calls it on every node after a
     * revocation, a profile change or a deletion), so the next look-up reads the store.
     */
    evict(userId: string): void {
      cache.delete(userId);
      epochs.set(userId, (epochs.get(userId) ?? 0) + 1);
      if (epochs.size > cacheMax) epochs.delete(epochs.keys().next().value as string);
    },

    async me(viewer: Viewer): Promise<{ user: MeDto }> {
      const entry = await lookup(viewer.id);
      if (!entry) throw unauthorized();
      const { user, viewer: v, locale, hiddenVisits } = entry;
      return { user: { ...user, role: v.role, ...(locale ? { locale } : {}), ...(hiddenVisits ? { hiddenVisits } : {}) } };
    },

    /** v1.2 隐身访问: whether `id`'s visits leave no trace (they chose so and are of the yellow tier). */
    async visitsHidden(id: string): Promise<boolean> {
      const entry = await lookup(id);
      return entry !== null && entry !== undefined && entry.hiddenVisits && entry.viewer.tier === 'yellow';
    },

    /** The language `id` uses, English when never told (or no such user). Cached with the user. */
    async localeOf(id: string): Promise<UserLocale> {
      return (await lookup(id))?.locale ?? 'en';
    },

    /** A user by id, or null. Cached for a few seconds. */
    async getUser(id: string): Promise<UserDto | null> {
      return (await lookup(id))?.user ?? null;
    },

    /** Users by id (unknown ids are left out), for hydrating authors and actors in one query. */
    async getUsers(ids: readonly string[]): Promise<Map<string, UserDto>> {
      const result = new Map<string, UserDto>();
      const missing: string[] = [];
      const now = Date.now();
      for (const id of new Set(ids)) {
        const hit = cache.get(id);
        if (hit && now - hit.at < cacheTtlMs) result.set(id, hit.user);
        else if (Types.ObjectId.isValid(id)) missing.push(id);
      }
      if (missing.length) {
        const found = await users.find({ _id: { $in: missing } }, userProjection).lean<StoredUser[]>();
        for (const u of found) result.set(u._id.toHexString(), remember(u).user);
      }
      return result;
    },

    /** A user by handle; `not_found` if there is none. */
    async requireByHandle(handle: string): Promise<UserDto> {
      const id = idOfHandle.get(handle);
      const hit = id === undefined ? undefined : cache.get(id);
      if (hit && hit.user.handle === handle && Date.now() - hit.at < cacheTtlMs) return hit.user;
      const u = await userByHandle(handle);
      if (!u) throw notFound('user');
      return remember(u).user;
    },

    /** Changes a user's tier (`yellow` gets the larger photo quota). */
    async setTier(userId: string, tier: Tier): Promise<void> {
      await users.updateOne({ _id: userId }, { $set: { tier } });
      cache.delete(userId);
    },

    /** Changes a user's role. */
    async setRole(userId: string, role: Role): Promise<void> {
      await users.updateOne({ _id: userId }, { $set: { role } });
      cache.delete(userId);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
