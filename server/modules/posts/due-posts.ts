/**
 * v1.2: publishing scheduled posts when they fall due, exactly once across a cluster.
 *
 * Each node keeps a single timer, armed for the next moment something may need doing: the
 * earliest `publishAt` still ahead, or the end of another node's claim on a post already due.
 * While nothing is scheduled it costs nothing but a safety-net poll (`SCHEDULE_POLL_MS`, one
 * indexed query). A post scheduled on any node is announced over the cluster bus, so every node
 * re-arms when that time is earlier than its own.
 *
 * Once due, a post is claimed with a conditional update in the shared store — only a post that is
 * still `scheduled` and unclaimed (or whose claim has lapsed) is taken, so one node wins a race —
 * and the claim is a lease: a node killed while holding it leaves a claim that lapses after
 * `SCHEDULE_LEASE_MS`, and another node takes the post over. The claimant then publishes with a
 * second conditional update that names its own claim; pushes, mentions and notifications follow
 * only that update, so they happen once. A store that is down fails the claim; the node retries soon.
 *
 * The announce is durable: the publishing update also writes an outbox on the post (`announceBy`,
 * `announceUntil`, a lease of the same length), and the announce clears it once its pushes and
 * notifications are out. A node that dies between the two leaves the outbox behind; once its lease
 * has passed, any node's pass (the timer is armed for it, like for a lapsed claim) takes the outbox
 * over with a conditional update and announces the post again. Notifications are idempotent per post
 * (a once key per recipient), so a retried announce tells nobody twice; a live push may repeat, and
 * clients keep one copy of a post by id.
 */
import type { Model } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';
import type { PostRecord } from './post-model.js';

export interface SchedulingOptions {
  readonly nodeId: string;
  readonly minLeadMs: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  /** Tests only: a pause after claiming, so a test can kill the node that holds the claim. */
  readonly claimPauseMs: number;
  /**
   * Tests only: this node acts as if it died at that step of publishing a due post (it stops there
   * until closed): after the publishing update, before any announce; or after the announce, before
   * clearing its outbox. Announces taken over from another node never stall.
   */
  readonly stallAt: 'none' | 'before-announce' | 'before-clear';
  readonly bus?: ClusterBus;
}

export interface DuePostsOptions extends SchedulingOptions {
  readonly posts: Model<PostRecord>;
  readonly logger: Logger;
  /**
   * Publishes a post this node claimed: one conditional update on its claim that also writes `outbox`.
   * Null when the claim was lost (lapsed, or the post edited or cancelled).
   */
  readonly publish: (claimed: PostRecord, outbox: Outbox) => Promise<PostRecord | null>;
  /** A published post's side effects: pushes, mentions, care notices, its link preview. */
  readonly announce: (published: PostRecord) => Promise<void>;
}

/** A published post's pending announce: who does it, and until when before another node may. */
export interface Outbox {
  readonly announceBy: string;
  readonly announceUntil: Date;
}

export interface DuePosts {
  /** Looks for due posts now and arms the timer (at start). */
  start(): Promise<void>;
  /** A post was scheduled (or rescheduled) for `at`: every node re-arms if that is sooner. */
  scheduled(at: Date): void;
  close(): void;
}

const channel = 'posts:scheduled';
/** The timer fires this much after the due time, so the store agrees it has passed. */
const slackMs = 15;
/** setTimeout's largest delay; a later time is reached by re-arming. */
const maxDelayMs = 2 ** 31 - 1;

export function createDuePosts(o: DuePostsOptions): DuePosts {
  const { posts } = o;
  let timer: NodeJS.Timeout | undefined;
  let armedFor = Infinity;
  let closed = false;
  let running: Promise<void> | undefined;
  let rerun = false;
  /** Whether the last pass failed: an outage is logged once, not once a second. */
  let failing = false;

  function arm(at: number): void {
    if (closed || (timer && armedFor <= at)) return;
    clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        armedFor = Infinity;
        void run();
      },
      Math.min(maxDelayMs, Math.max(0, at - Date.now()) + slackMs),
    );
    timer.unref();
  }

  /** Claims the earliest due post nobody holds (or whose holder's lease lapsed); null when none. */
  function claimNext(): Promise<PostRecord | null> {
    const now = new Date();
    return posts
      .findOneAndUpdate(
        { status: 'scheduled', publishAt: { $lte: now }, $or: [{ claimUntil: null }, { claimUntil: { $lte: now } }] },
        { $set: { claimedBy: o.nodeId, claimUntil: new Date(now.getTime() + o.leaseMs) } },
        { sort: { publishAt: 1 }, returnDocument: 'after' },
      )
      .lean<PostRecord>();
  }

  const outboxFor = (): Outbox => ({ announceBy: o.nodeId, announceUntil: new Date(Date.now() + o.leaseMs) });

  /** Takes over the earliest outbox whose lease has passed (its node died mid-announce); null when none. */
  function claimLapsedAnnounce(): Promise<PostRecord | null> {
    const now = new Date();
    return posts
      .findOneAndUpdate({ announceUntil: { $lte: now } }, { $set: outboxFor() }, { sort: { announceUntil: 1 }, returnDocument: 'after' })
      .lean<PostRecord>();
  }

  /** When to look again: the next due time ahead, the end of a live claim on a due post, or of an outbox's lease. */
  async function nextWake(): Promise<number | undefined> {
    const now = new Date();
    const [ahead, held, owed] = await Promise.all([
      posts
        .findOne({ status: 'scheduled', publishAt: { $gt: now } }, { publishAt: 1 })
        .sort({ publishAt: 1 })
        .lean<PostRecord>(),
      posts
        .findOne({ status: 'scheduled', publishAt: { $lte: now } }, { claimUntil: 1 })
        .sort({ claimUntil: 1 })
        .lean<PostRecord>(),
      posts
        .findOne({ announceUntil: { $gt: now } }, { announceUntil: 1 })
        .sort({ announceUntil: 1 })
        .lean<PostRecord>(),
    ]);
    const times = [ahead?.publishAt, held?.claimUntil, owed?.announceUntil].flatMap((d) => (d ? [d.getTime()] : []));
    return times.length ? Math.min(...times) : undefined;
  }

  /** Until this node closes: how a test-only stall plays a node that died at that step. */
  let stop: () => void = () => {};
  const untilClosed = new Promise<void>((resolve) => (stop = resolve));

  /**
   * Announces a published post whose outbox this node holds, then clears the outbox (if still its
   * own). The test-only stall applies to a post this node has just published, not to one taken over.
   */
  async function announce(published: PostRecord, justPublished: boolean): Promise<void> {
    const stall = justPublished ? o.stallAt : 'none';
    if (stall === 'before-announce') return untilClosed;
    // A node closing before it announced leaves the outbox to another node.
    if (closed) return;
    await o.announce(published);
    if (stall === 'before-clear') return untilClosed;
    await posts.updateOne(
      { _id: published._id, announceBy: o.nodeId, announceUntil: published.announceUntil },
      { $unset: { announceBy: 1, announceUntil: 1 } },
    );
  }

  async function drain(): Promise<void> {
    for (let claimed = await claimNext(); claimed && !closed; claimed = await claimNext()) {
      if (o.claimPauseMs) await new Promise((resolve) => setTimeout(resolve, o.claimPauseMs));
      try {
        const published = await o.publish(claimed, outboxFor());
        if (published) await announce(published, true);
      } catch (err) {
        // The claim (or the outbox) lapses and this node or another tries again then.
        o.logger.warn({ err, postId: claimed._id.toHexString() }, 'scheduled post: publishing failed');
      }
    }
    for (let owed = await claimLapsedAnnounce(); owed && !closed; owed = await claimLapsedAnnounce()) {
      o.logger.info({ postId: owed._id.toHexString() }, 'scheduled post: announcing again (its node stopped mid-announce)');
      try {
        await announce(owed, false);
      } catch (err) {
        o.logger.warn({ err, postId: owed._id.toHexString() }, 'scheduled post: announcing failed');
      }
    }
  }

  async function once(): Promise<void> {
    try {
      await drain();
      const wake = await nextWake();
      if (wake !== undefined) arm(wake);
      if (failing) o.logger.info('scheduled posts: looking for due posts works again');
      failing = false;
    } catch (err) {
      // The store is down (or was): try again soon rather than at the next poll.
      if (!closed && !failing) o.logger.warn({ err }, 'scheduled posts: looking for due posts failed; retrying every second');
      failing = true;
      arm(Date.now() + Math.min(o.pollMs, 1000));
    }
  }

  /** One pass at a time per node; a request during a pass runs one more pass after it. */
  function run(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      rerun = true;
      return running;
    }
    running = once().finally(() => {
      running = undefined;
      if (rerun) {
        rerun = false;
        void run();
      }
    });
    return running;
  }

  const poll = setInterval(() => void run(), o.pollMs);
  poll.unref();
  o.bus?.onBroadcast(channel, (message) => {
    const at = typeof message === 'object' && message !== null ? Date.parse(String((message as { at?: unknown }).at)) : NaN;
    if (Number.isFinite(at)) arm(at);
  });

  return {
    start: run,
    scheduled(at) {
      if (o.bus) o.bus.broadcast(channel, { at: at.toISOString() });
      else arm(at.getTime());
    },
    close() {
      closed = true;
      stop();
      clearInterval(poll);
      clearTimeout(timer);
    },
  };
}
