/** The shape of a run's result: what `--json` writes and the HTML report draws. */
import type { LatencySummary } from './histogram.js';
import type { LoadTestOptions } from './options.js';
import type { RampStageResult } from './ramp.js';
import type { ThresholdResult } from './threshold-parse.js';
import type { ChurnSummary } from './churn.js';
import type { SoakSummary } from './soak.js';

export interface TimelinePoint {
  /** Seconds since the first connect attempt. */
  readonly t: number;
  readonly phase: 'connect' | 'load' | 'drain' | 'hold';
  readonly connected: number;
  readonly connectsPerSec: number;
  readonly postsPerSec: number;
  readonly deliveriesPerSec: number;
  readonly latencyMs: Pick<LatencySummary, 'p50' | 'p95' | 'p99' | 'max'>;
  /** From sending the POST, per second. */
  readonly fromSendLatencyMs: Pick<LatencySummary, 'p50' | 'p95' | 'p99' | 'max'>;
  readonly serverRssBytes: number;
  readonly hubEventLoopP99Ms: number | null;
  /** Busiest generator worker's event-loop utilisation (0–1). */
  readonly generatorBusy: number;
}

/** One node of a `--nodes N` run during the load. */
export interface NodeLoad {
  readonly node: number;
  readonly cpuMs: number | null;
  readonly systemMs: number | null;
  /** Deliveries to this node's sockets of posts made on this node (its own publish). */
  readonly localDeliveries: number;
  /** Deliveries to this node's sockets of posts made on another node (heard through Redis). */
  readonly remoteDeliveries: number;
  /** cpuMs per 1 000 of its deliveries, local and remote together. */
  readonly msPerKDelivery: number | null;
}

export interface LoadTestSummary {
  readonly setup: Omit<LoadTestOptions, 'json' | 'report' | 'verbose'> & {
    readonly workerMode: string;
    readonly target: string;
  };
  readonly users: number;
  readonly connected: number;
  readonly connectFailures: number;
  readonly connectErrors: Readonly<Record<string, number>>;
  readonly connectSeconds: number;
  readonly connectsPerSec: number;
  /** `--ramp`: each stage's target and the sockets connected by its end. */
  readonly rampStages?: readonly RampStageResult[];
  readonly posts: {
    readonly sent: number;
    readonly acked: number;
    readonly held: number;
    readonly skipped: number;
    readonly perSec: number;
  };
  readonly httpErrors: Readonly<Record<string, number>>;
  readonly deliveries: number;
  readonly deliveriesPerSec: number;
  readonly peakDeliveriesPerSec: number;
  readonly expected: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Deliveries to users who are not the author's friends: must be 0. */
  readonly unexpected: number;
  readonly unacked: number;
  readonly deliveredBeforeAck: number;
  /** From the post's 201 to each friend's `feed:post` (0 when the push beat the 201). */
  readonly latencyMs: LatencySummary;
  /** From sending `POST /api/posts` to each friend's `feed:post`. */
  readonly fromSendLatencyMs: LatencySummary;
  /** Per post: from sending `POST /api/posts` to the last recipient's `feed:post`. */
  readonly fanoutMs: LatencySummary;
  /**
   * Hub CPU (all hub processes, user + system, read from the hubs) during the load phase, and per
   * 1 000 deliveries; and during the connect phase, per 1 000 connects. null: the hubs do not tell.
   */
  readonly hubCpu: {
    readonly loadMs: number | null;
    readonly msPerKDelivery: number | null;
    /**
     * Of msPerKDelivery, the kernel's part (system time: each socket write's TCP send, on loopback also
     * the receiving side's work). The same on either engine; the rest is the engine's and the hub's.
     */
    readonly systemMsPerKDelivery: number | null;
    /** Hub CPU per second with every socket connected and no traffic (measured for 2 s before the load). */
    readonly idleMsPerSec: number | null;
    /** msPerKDelivery without that idle cost (pings, timers) over the load's duration. */
    readonly msPerKDeliveryAboveIdle: number | null;
    readonly connectMs: number | null;
    readonly msPerKConnect: number | null;
    /** Of msPerKConnect, the kernel's part. */
    readonly systemMsPerKConnect: number | null;
    /** Hub CPU during the load per acknowledged post (its deliveries included), and the kernel's part. */
    readonly msPerPost: number | null;
    readonly systemMsPerPost: number | null;
    /** The same per acknowledged write (posts, comments and visits together). */
    readonly msPerWrite: number | null;
    readonly systemMsPerWrite: number | null;
  };
  /**
   * Store commands the hubs issued from the start of the load to the end of the drain (background
   * work included; a scrape's `count` left out): per write, each command's share, and the total.
   */
  readonly storeCommands: {
    readonly perWrite: number | null;
    readonly perWriteByCommand: Readonly<Record<string, number>>;
    readonly total: number;
  } | null;
  /** With several nodes: each node's CPU and the deliveries to its sockets, local or remote. */
  readonly nodes?: readonly NodeLoad[];
  /** Same figure as hubCpu.msPerKDelivery, top-level for scripts. */
  readonly hubCpuMsPerKDelivery: number | null;
  readonly crossNodeLatencyMs?: LatencySummary;
  readonly sameNodeLatencyMs?: LatencySummary;
  readonly comments: { readonly acked: number; readonly received: number; readonly latencyMs: LatencySummary };
  readonly visits: { readonly acked: number; readonly received: number; readonly latencyMs: LatencySummary };
  /** Sum of the hub processes' resident memory at the end of the connect (or hold) phase. */
  readonly serverRssBytes: number;
  readonly serverRssBaselineBytes: number;
  /** (RSS with the sockets − RSS before them) / sockets. */
  readonly bytesPerSocket: number;
  /** The same for the V8 heap after a forced GC (hubs started by the load tester only). */
  readonly heapBytesPerSocket: number | null;
  readonly storeRssBytes: number | null;
  readonly hubEventLoop: { readonly source: string; readonly p99MaxMs: number | null };
  readonly generator: {
    readonly workers: number;
    readonly maxBusy: number;
    readonly cpuCores: number;
    readonly eventLoopP99Ms: number;
    readonly saturated: boolean;
  };
  readonly redis?: {
    readonly outputBytes: number;
    readonly inputBytes: number;
    readonly commands: number;
    readonly outputBytesPerDelivery: number;
    readonly commandsPerDelivery: number;
    /** Commands the masters processed per delivery (without replicas replaying them). */
    readonly masterCommandsPerDelivery: number;
    /** Redis servers read (1, or every node of a Redis Cluster). */
    readonly servers: number;
    /** The Redis process that used the most CPU from before the load to after the drain. */
    readonly busiestServer: {
      readonly server: string;
      readonly cpuMs: number;
      readonly percentOfCore: number;
      readonly cpuMsPerKDelivery: number | null;
    };
    /** CPU of every Redis server together over the same interval. */
    readonly totalCpuMs: number;
    /** Calls of each command per 1 000 deliveries, most called first. */
    readonly commandsPerKDelivery: Readonly<Record<string, number>>;
  };
  readonly disconnects: number;
  readonly otherEvents: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
  /** Each `--threshold` with the figure measured; any not `ok` makes the CLI exit 1. */
  readonly thresholds?: readonly ThresholdResult[];
  /** `--churn`: the reconnects and their catch-up. */
  readonly churn?: ChurnSummary;
  /** `--soak`: memory over time and latency drift. */
  readonly soak?: SoakSummary;
  readonly timeline: readonly TimelinePoint[];
}
