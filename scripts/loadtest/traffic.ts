/**
 * The traffic of a run: posts (open loop at a rate, or closed loop at `max`), comments and visits,
 * over REST like a browser makes them. Each acknowledged post is announced to the workers with
 * its send and ack times, so they can time and check the `feed:post` pushes.
 */
import { friendsOf, prng, type FriendGraph } from './friend-graph.js';
import { hubClient } from './http.js';
import { clock, type PostedItem, type SideItem } from './protocol.js';
import type { SeededUser } from './seed.js';
import { sourceAddress } from './source-address.js';

export interface TrafficPlan {
  readonly baseUrls: readonly string[];
  readonly users: readonly SeededUser[];
  readonly graph: FriendGraph;
  readonly postRate: number | 'max';
  readonly posters: number;
  readonly commentRate: number;
  readonly visitRate: number;
  readonly durationMs: number;
  readonly sourceIps: number;
  readonly seed: number;
  readonly announcePosts: (items: PostedItem[]) => void;
  readonly announceSide: (items: SideItem[]) => void;
  /** The celebrity scenario: this many public posts by user 0, one after another (instead of the rest). */
  readonly celebrityPosts?: number;
}

export interface TrafficResult {
  readonly postsSent: number;
  readonly postsAcked: number;
  readonly postsHeld: number;
  /** Open-loop posts not sent because too many were still in flight. */
  readonly postsSkipped: number;
  readonly commentsAcked: number;
  readonly visitsAcked: number;
  readonly httpErrors: Readonly<Record<string, number>>;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Posts acknowledged per second of the run, for the timeline. */
  readonly postsPerSecond: readonly number[];
}

const maxInFlight = 2_000;

export async function runTraffic(plan: TrafficPlan): Promise<TrafficResult> {
  const rand = prng(plan.seed + 7);
  const n = plan.users.length;
  const nodes = plan.baseUrls.length;
  const httpErrors: Record<string, number> = {};
  const postsPerSecond: number[] = [];
  const recent: Array<{ id: string; author: number }> = [];
  let postsSent = 0;
  let postsAcked = 0;
  let postsHeld = 0;
  let postsSkipped = 0;
  let commentsAcked = 0;
  let visitsAcked = 0;
  let inFlight = 0;
  let cursor = Math.floor(rand() * n);
  let batch: PostedItem[] = [];
  let sideBatch: SideItem[] = [];
  const startedAt = clock();
  const endAt = startedAt + plan.durationMs;

  const fail = (what: string, status: number | string) => {
    const key = `${what} ${status}`;
    httpErrors[key] = (httpErrors[key] ?? 0) + 1;
  };
  const from = (i: number) => sourceAddress(plan.sourceIps, i);
  const nodeOf = (i: number) => i % nodes;

  async function post(celebrity = false): Promise<void> {
    const author = celebrity ? 0 : cursor;
    if (!celebrity) cursor = (cursor + 1) % n;
    const user = plan.users[author]!;
    const node = nodeOf(author);
    postsSent++;
    inFlight++;
    const sentAt = clock();
    try {
      const res = await hubClient(plan.baseUrls[node]!, { token: user.token, localAddress: from(author) }).request('POST /posts', {
        body: { kind: 'shuoshuo', text: `load test post ${postsSent} from ${user.handle}`, privacy: celebrity ? 'public' : 'friends' },
      });
      const ackAt = clock();
      if (res.ok && res.status === 201) {
        postsAcked++;
        const second = Math.floor((ackAt - startedAt) / 1000);
        postsPerSecond[second] = (postsPerSecond[second] ?? 0) + 1;
        batch.push({ postId: res.body.post.id, author, sentAt, ackAt, node });
        recent.push({ id: res.body.post.id, author });
        if (recent.length > 1_000) recent.splice(0, recent.length - 500);
      } else if (res.status === 202) postsHeld++;
      else fail('POST /api/posts', res.status);
    } catch (err) {
      fail('POST /api/posts', (err as Error).message);
    } finally {
      inFlight--;
    }
  }

  async function comment(): Promise<void> {
    const target = recent[Math.floor(rand() * recent.length)];
    if (!target) return;
    const friends = friendsOf(plan.graph, target.author);
    const by = friends[Math.floor(rand() * friends.length)];
    if (by === undefined) return;
    try {
      const res = await hubClient(plan.baseUrls[nodeOf(by)]!, { token: plan.users[by]!.token, localAddress: from(by) }).request(
        'POST /posts/:id/comments',
        {
          params: { id: target.id },
          body: { text: 'load test comment' },
        },
      );
      if (res.ok && res.status === 201) {
        commentsAcked++;
        sideBatch.push({ key: `c:${res.body.comment.id}`, ackAt: clock() });
      } else fail('POST /api/posts/:id/comments', res.status);
    } catch (err) {
      fail('POST /api/posts/:id/comments', (err as Error).message);
    }
  }

  async function visit(): Promise<void> {
    const visitor = Math.floor(rand() * n);
    const friends = friendsOf(plan.graph, visitor);
    const owner = friends.length ? friends[Math.floor(rand() * friends.length)]! : (visitor + 1) % n;
    if (owner === visitor) return;
    try {
      const res = await hubClient(plan.baseUrls[nodeOf(visitor)]!, {
        token: plan.users[visitor]!.token,
        localAddress: from(visitor),
      }).request('POST /spaces/:handle/visit', {
        params: { handle: plan.users[owner]!.handle },
      });
      if (res.status === 204) {
        visitsAcked++;
        sideBatch.push({ key: `v:${plan.users[visitor]!.handle}:${owner}`, ackAt: clock() });
      } else fail('POST /api/spaces/:handle/visit', res.status);
    } catch (err) {
      fail('POST /api/spaces/:handle/visit', (err as Error).message);
    }
  }

  // Acks go to the workers in small batches; latency is computed from the recorded times, so
  // batching adds nothing to the measured figures.
  const flusher = setInterval(() => {
    if (batch.length) {
      plan.announcePosts(batch);
      batch = [];
    }
    if (sideBatch.length) {
      plan.announceSide(sideBatch);
      sideBatch = [];
    }
  }, 10);

  const lanes: Array<Promise<void>> = [];
  const pending = new Set<Promise<void>>();
  const openLoop = (rate: number, act: () => Promise<void>, skipped?: () => void) => {
    if (rate <= 0) return;
    lanes.push(
      new Promise<void>((resolve) => {
        let issued = 0;
        const timer = setInterval(() => {
          const now = clock();
          if (now >= endAt) {
            clearInterval(timer);
            resolve();
            return;
          }
          const due = Math.floor((rate * (now - startedAt)) / 1000) - issued;
          for (let i = 0; i < due; i++) {
            issued++;
            if (inFlight >= maxInFlight) skipped?.();
            else {
              const p = act();
              pending.add(p);
              void p.finally(() => pending.delete(p));
            }
          }
        }, 5);
      }),
    );
  };

  if (plan.celebrityPosts !== undefined) {
    lanes.push(
      (async () => {
        for (let i = 0; i < plan.celebrityPosts!; i++) await post(true);
      })(),
    );
  } else if (plan.postRate === 'max') {
    for (let p = 0; p < Math.min(plan.posters, n); p++) {
      lanes.push(
        (async () => {
          while (clock() < endAt) await post();
        })(),
      );
    }
  } else {
    openLoop(plan.postRate, post, () => postsSkipped++);
  }
  openLoop(plan.commentRate, comment);
  openLoop(plan.visitRate, visit);

  await Promise.all(lanes);
  await Promise.allSettled([...pending]);
  const endedAt = clock();
  clearInterval(flusher);
  if (batch.length) plan.announcePosts(batch);
  if (sideBatch.length) plan.announceSide(sideBatch);

  for (let i = 0; i < postsPerSecond.length; i++) postsPerSecond[i] ??= 0;
  return {
    postsSent,
    postsAcked,
    postsHeld,
    postsSkipped,
    commentsAcked,
    visitsAcked,
    httpErrors,
    startedAt,
    endedAt,
    postsPerSecond,
  };
}
