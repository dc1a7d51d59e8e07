/**
 * Seeding a run's users, spaces and friendships. Into a store the load tester owns: in bulk
 * through the modules' mongoose models, with one shared password hash, and tokens signed with
 * the hub's SECRET (no login calls). Into a running hub: through the REST API, a few calls at a time.
 */
import mongoose, { Types } from 'mongoose';
import { userModel } from '../../server/modules/accounts/model.js';
import { hashPassword } from '../../server/modules/accounts/password.js';
import { createTokenSigner } from '../../server/modules/accounts/tokens.js';
import { fanModel } from '../../server/modules/fans/model.js';
import { friendEdgeModel } from '../../server/modules/friends/model.js';
import { spaceModel } from '../../server/modules/spaces/space-model.js';
import { defaultModules, defaultTheme, defaultTitle } from '../../shared/space-defaults.js';
import { friendships, type FriendGraph } from './friend-graph.js';
import { hubClient } from './http.js';
import { sourceAddress } from './source-address.js';

export const seedPassword = 'loadtest-password-1';

export interface SeededUser {
  readonly index: number;
  readonly id: string;
  readonly handle: string;
  readonly token: string;
}

/** Handles are `<prefix><index>`, so a worker can tell a post's author from its handle alone. */
export const handleOf = (prefix: string, i: number): string => `${prefix}${i}`;

const batch = 2_000;

/** Inserts users, their spaces and friend edges directly into the store at `uri`. */
export async function seedStore(
  uri: string,
  graph: FriendGraph,
  prefix: string,
  secret: string,
  log: (line: string) => void,
  /** User 0's space is certified and every other user is its fan (the celebrity scenario). */
  celebrity = false,
): Promise<SeededUser[]> {
  const conn = mongoose.createConnection(uri, { autoIndex: false, maxPoolSize: 8 });
  await conn.asPromise();
  try {
    const users = userModel(conn);
    const spaces = spaceModel(conn);
    const edges = friendEdgeModel(conn);
    const passwordHash = await hashPassword(seedPassword);
    const signer = createTokenSigner(secret, 24 * 3600);
    const ids = Array.from({ length: graph.users }, () => new Types.ObjectId());
    const now = new Date();
    const started = Date.now();

    for (let from = 0; from < graph.users; from += batch) {
      const slice = ids.slice(from, from + batch);
      await users.insertMany(
        slice.map((_id, j) => ({
          _id,
          handle: handleOf(prefix, from + j),
          displayName: `Load ${from + j}`,
          passwordHash,
          role: 'user',
          tier: 'basic',
          createdAt: now,
          updatedAt: now,
        })),
        { ordered: false, lean: true },
      );
      await spaces.insertMany(
        slice.map((owner, j) => ({
          owner,
          title: defaultTitle(`Load ${from + j}`),
          theme: defaultTheme,
          modules: [...defaultModules],
          music: null,
          certified: celebrity && from + j === 0,
          stats: { visits: 0 },
          createdAt: now,
        })),
        { ordered: false, lean: true },
      );
    }
    log(`seeded ${graph.users} users and spaces in ${Date.now() - started} ms`);

    let pending: Array<{ user: Types.ObjectId; friend: Types.ObjectId; since: Date }> = [];
    let count = 0;
    const flush = async () => {
      if (pending.length) await edges.insertMany(pending, { ordered: false, lean: true });
      count += pending.length;
      pending = [];
    };
    for (const [a, b] of friendships(graph)) {
      pending.push({ user: ids[a]!, friend: ids[b]!, since: now }, { user: ids[b]!, friend: ids[a]!, since: now });
      if (pending.length >= batch) await flush();
    }
    await flush();
    log(`seeded ${count / 2} friendships in ${Date.now() - started} ms total`);
    if (celebrity) {
      const fans = fanModel(conn);
      const owner = ids[0]!.toHexString();
      for (let from = 1; from < ids.length; from += batch) {
        await fans.insertMany(
          ids.slice(from, from + batch).map((fan) => ({ owner, fan: fan.toHexString(), createdAt: now })),
          { ordered: false, lean: true },
        );
      }
      log(`seeded ${ids.length - 1} fans of ${handleOf(prefix, 0)}'s certified space`);
    }

    return ids.map((id, index) => ({ index, id: id.toHexString(), handle: handleOf(prefix, index), token: signer.sign(id.toHexString()) }));
  } finally {
    await conn.close();
  }
}

/** Runs `task` over 0..n-1 with at most `limit` in flight. */
export async function boundedAll(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, lane));
}

/** Registers users and makes friends through the REST API of a running hub. */
export async function seedViaApi(
  baseUrl: string,
  graph: FriendGraph,
  prefix: string,
  sourceIps: number,
  log: (line: string) => void,
): Promise<SeededUser[]> {
  const started = Date.now();
  const seeded: SeededUser[] = new Array<SeededUser>(graph.users);
  // Source addresses spread the per-IP registration limit.
  const from = (i: number) => sourceAddress(sourceIps, i);
  // The hub's password queue lets 8 sign-ups per address wait at once (the rest answer 429): 4 per address.
  await boundedAll(graph.users, Math.min(16, 4 * sourceIps), async (i) => {
    const handle = handleOf(prefix, i);
    const res = await hubClient(baseUrl, { localAddress: from(i) }).request('POST /auth/register', {
      body: { handle, password: seedPassword, displayName: `Load ${i}` },
    });
    if (!res.ok) throw new Error(`register ${handle}: ${res.status} ${JSON.stringify(res.error)}`);
    seeded[i] = { index: i, id: res.body.user.id, handle, token: res.body.token };
  });
  log(`registered ${graph.users} users in ${Date.now() - started} ms`);
  const pairs = [...friendships(graph)];
  await boundedAll(pairs.length, 16, async (p) => {
    const [a, b] = pairs[p]!;
    const ua = seeded[a]!;
    const ub = seeded[b]!;
    const req = await hubClient(baseUrl, { token: ua.token, localAddress: from(a) }).request('POST /friends/requests', {
      body: { to: ub.handle },
    });
    if (!req.ok) throw new Error(`friend request ${ua.handle}→${ub.handle}: ${req.status} ${JSON.stringify(req.error)}`);
    const acc = await hubClient(baseUrl, { token: ub.token, localAddress: from(b) }).request('POST /friends/requests/:id/accept', {
      params: { id: req.body.request.id },
    });
    if (!acc.ok) throw new Error(`accept ${ub.handle}: ${acc.status} ${JSON.stringify(acc.error)}`);
  });
  log(`made ${pairs.length} friendships in ${Date.now() - started} ms total`);
  return seeded;
}
