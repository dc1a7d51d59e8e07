/** Messages between the load tester's main thread and its workers (threads or processes). */
import type { FriendGraph } from './friend-graph.js';
import type { HistogramSnapshot } from './histogram.js';
import type { RampPhase } from './ramp.js';

export interface WorkerUser {
  readonly index: number;
  readonly token: string;
}

export interface WorkerInit {
  readonly type: 'init';
  readonly workerId: number;
  /** Socket.IO URL per hub node; user i connects to node i % nodes. */
  readonly realtimeUrls: readonly string[];
  readonly users: readonly WorkerUser[];
  readonly graph: FriendGraph;
  readonly handlePrefix: string;
  readonly sourceIps: number;
  readonly connectConcurrency: number;
  /** Connect phases over all workers' users (empty: as fast as they can); see ramp.ts. */
  readonly ramp: readonly RampPhase[];
  /** The celebrity scenario's certified space (a user index): every other user gets its posts. -1: none. */
  readonly celebrity: number;
}

/** A post the main thread got its 201 for: the workers check who of its author's friends got it. */
export interface PostedItem {
  readonly postId: string;
  readonly author: number;
  /** When the request was sent and answered, on the shared clock (ms). */
  readonly sentAt: number;
  readonly ackAt: number;
  /** The node the post was made on. */
  readonly node: number;
}

/** A comment or visit: its author-side receipt is matched by key. */
export interface SideItem {
  readonly key: string;
  readonly ackAt: number;
}

export type MainToWorker =
  | WorkerInit
  | { readonly type: 'connect' }
  | { readonly type: 'posted'; readonly items: readonly PostedItem[] }
  | { readonly type: 'side'; readonly items: readonly SideItem[] }
  | { readonly type: 'finish' };

export interface WorkerTick {
  readonly type: 'tick';
  readonly workerId: number;
  readonly at: number;
  readonly connected: number;
  readonly connectFailures: number;
  readonly connectsInTick: number;
  readonly deliveriesInTick: number;
  readonly latency: HistogramSnapshot;
  readonly fromSendLatency: HistogramSnapshot;
  /** Fraction of the tick this worker's event loop was busy (0–1). */
  readonly busy: number;
  /** Process CPU over wall time since the last tick (1 = one core); per process, not per thread. */
  readonly processCpu: number;
  readonly disconnects: number;
}

export interface WorkerFinal {
  readonly type: 'final';
  readonly workerId: number;
  readonly connected: number;
  readonly connectFailures: number;
  readonly connectErrors: Readonly<Record<string, number>>;
  readonly firstAttemptAt: number;
  readonly lastConnectAt: number;
  /** Per `--ramp` stage: this worker's sockets connected by the stage's end (ramp.ts). */
  readonly connectedByStage: readonly number[];
  readonly deliveries: number;
  readonly expected: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Deliveries to someone who is not a friend of the author (a privacy leak if ever > 0). */
  readonly unexpected: number;
  /** Deliveries of posts the main thread never saw acknowledged. */
  readonly unacked: number;
  /** Deliveries that arrived before the author's 201 (latency counted as 0). */
  readonly beforeAck: number;
  readonly latency: HistogramSnapshot;
  /** From the moment the post request was sent (includes the server's handling of the POST). */
  readonly fromSendLatency: HistogramSnapshot;
  readonly crossNodeLatency: HistogramSnapshot;
  /** With several nodes: deliveries to each node's sockets, from posters on that node (local) or another (remote). */
  readonly deliveriesByNode: ReadonlyArray<{ readonly local: number; readonly remote: number }>;
  readonly sameNodeLatency: HistogramSnapshot;
  readonly sideLatency: Readonly<Record<'comment' | 'visit', HistogramSnapshot>>;
  readonly sideReceived: Readonly<Record<'comment' | 'visit', number>>;
  readonly disconnects: number;
  readonly otherEvents: Readonly<Record<string, number>>;
  /** Per post: when its last receipt here arrived (shared clock), for the fan-out time. */
  readonly lastReceipts: ReadonlyArray<readonly [postId: string, at: number]>;
}

export type WorkerToMain =
  | { readonly type: 'ready'; readonly workerId: number }
  | { readonly type: 'connected'; readonly workerId: number; readonly connected: number; readonly failures: number }
  | WorkerTick
  | WorkerFinal;

/** The shared clock: wall-clock milliseconds with sub-ms resolution, comparable across threads. */
export const clock = (): number => performance.timeOrigin + performance.now();
