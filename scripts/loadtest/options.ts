/** The load tester's options: defaults, and parsing them from `npm run loadtest -- ...`. */
import os from 'node:os';
import { choiceArg, parseCli, UsageError } from '../cli-args.js';
import { parseRamp, type RampPhase } from './ramp.js';
import { soakPreset } from './soak-preset.js';
import { parseThreshold, thresholdFigureNames, type Threshold } from './threshold-parse.js';

export type Engine = 'uws' | 'ws';
/**
 * `friends`: everyone posts to their friends. `celebrity`: one certified space posts to all its fans.
 * `chat`: pairs of friends exchange private messages over the socket (chat.ts).
 */
export type Scenario = 'friends' | 'celebrity' | 'chat';

export interface LoadTestOptions {
  /** A running hub to test; unset: the load tester starts its own. */
  readonly url?: string;
  readonly scenario: Scenario;
  /** Celebrity: posts the space makes, one after another. */
  readonly posts: number;
  /** Run the hub of another checkout (e.g. a `git worktree` of an older commit) with this generator. */
  readonly hubRoot?: string;
  readonly users: number;
  /** Friends per user. */
  readonly friends: number;
  /** Posts per second across all users, or 'max' (closed loop, `posters` at a time). */
  readonly postRate: number | 'max';
  /** How many users post in the closed loop of `postRate: 'max'`. */
  readonly posters: number;
  readonly commentRate: number;
  /** Chat: messages per second across all pairs (open loop). */
  readonly messageRate: number;
  /** Chat: sockets per person (every device gets every message of both people). */
  readonly devices: number;
  readonly visitRate: number;
  /** Seconds of load after everyone is connected. */
  readonly duration: number;
  /** Seconds over which sockets connect (0: as fast as they can). */
  readonly ramp: number;
  /** `--ramp users:duration,…`: connect phases instead of one even spread (ramp.ts). */
  readonly rampPhases?: readonly RampPhase[];
  /** `--threshold`: pass/fail criteria; a breach makes the CLI exit 1 (thresholds.ts). */
  readonly thresholds?: readonly Threshold[];
  readonly engine: Engine;
  /** Hub nodes to start (> 1: a cluster through a private Redis and a shared store process). */
  readonly nodes: number;
  /** With `nodes` > 1: join them through a private Redis Cluster (3 masters + 3 replicas), not one Redis. */
  readonly redisCluster?: boolean;
  /** One node too uses a store process of its own, so the hub's heap holds no store caches. */
  readonly storeProcess?: boolean;
  readonly json?: string;
  readonly report?: string;
  /** Connect and hold idle authenticated sockets; measure memory, not traffic. */
  readonly idle: boolean;
  /** Seconds to hold idle sockets before measuring memory. */
  readonly hold: number;
  readonly workers: number;
  /** Source addresses 127.0.0.1 … 127.0.0.N for the sockets (≈28 k ephemeral ports each). */
  readonly sourceIps: number;
  /** Connection attempts in flight per worker. */
  readonly connectConcurrency: number;
  /** Write V8 CPU profiles of the hub processes into this directory. */
  readonly profileDir?: string;
  /** Seconds to wait after the load for late deliveries. */
  readonly drain: number;
  readonly seed: number;
  /** Print progress lines to stderr. */
  readonly verbose: boolean;
  /** `--churn RATE`: sockets reconnected per second during the load, their catch-up checked (churn.ts). */
  readonly churn?: number;
  /** `--soak`: the soak preset, with a memory and latency-drift summary and a hold of `hold` s after the load (soak.ts). */
  readonly soak?: boolean;
}

export const defaultOptions: LoadTestOptions = {
  scenario: 'friends',
  posts: 50,
  users: 200,
  friends: 10,
  postRate: 20,
  posters: 50,
  commentRate: 0,
  messageRate: 200,
  devices: 2,
  visitRate: 0,
  duration: 10,
  ramp: 0,
  engine: 'uws',
  nodes: 1,
  idle: false,
  hold: 3,
  workers: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
  sourceIps: 8,
  connectConcurrency: 50,
  drain: 3,
  seed: 1,
  verbose: true,
};

export const usage = `usage: npm run loadtest -- [options]
  --url URL            test a running hub (else one is started with a temp DATA_DIR)
  --scenario friends|celebrity|chat   friends: users post to their friends (default); celebrity: user
                       0's certified space posts --posts public posts, one after another, to every other
                       user, online as its fan; chat: pairs of friends (--users / 2) exchange chat:send
                       messages at --message-rate, each person on --devices sockets
  --message-rate R     chat: messages/s across all pairs (default ${defaultOptions.messageRate})
  --devices D          chat: sockets per person (default ${defaultOptions.devices})
  --posts P            celebrity: posts to make (default ${defaultOptions.posts})
  --hub-root DIR       run the hub of another checkout (before/after comparisons) with this generator
  --users N            users, each with one socket (default ${defaultOptions.users})
  --friends K          friends per user (default ${defaultOptions.friends})
  --post-rate R|max    posts/s across all users; max = closed loop of --posters (default ${defaultOptions.postRate})
  --posters P          concurrent posters for --post-rate max (default ${defaultOptions.posters})
  --comment-rate R     comments/s (on posts of the run; pushes post:comment to the author)
  --visit-rate R       space visits/s (pushes space:visitor to the owner)
  --duration S         seconds of load (default ${defaultOptions.duration})
  --ramp S|STAGES      seconds to spread connects over (default: as fast as possible), or k6-like
                       stages users:duration,… (ms, s or m): connected sockets rise linearly to each
                       target over its duration (e.g. 0:10s,500:30s,2000:60s: wait 10 s, 500 connected
                       by 40 s, 2000 by 100 s); a repeated target holds, targets never fall; the load
                       (--duration) follows the last stage; the summary and report list each stage
  --threshold EXPR     pass/fail, repeatable: p99<50, missing=0, deliveries-per-sec>=1000 … (figures:
                       ${thresholdFigureNames.join(', ')});
                       a breach exits 1
  --engine uws|ws      engine of the hub it starts (default uws)
  --nodes N            start N hubs through a private Redis and a shared store process
  --redis-cluster      with --nodes: through a private Redis Cluster (3 masters + 3 replicas) instead
  --store-process      one node on a store process of its own (else its embedded store runs in the hub,
                       whose heap then holds the store's caches too)
  --idle               only connect and hold idle sockets, measuring memory
  --hold S             seconds to hold idle sockets before measuring (default ${defaultOptions.hold})
  --workers W          generator workers (default ${defaultOptions.workers})
  --source-ips N       source addresses 127.0.0.1..N (default ${defaultOptions.sourceIps})
  --connect-concurrency C   connects in flight per worker (default ${defaultOptions.connectConcurrency})
  --drain S            seconds to wait for late deliveries (default ${defaultOptions.drain})
  --profile DIR        write hub CPU profiles (node --cpu-prof) into DIR
  --json FILE          write the summary as JSON
  --report FILE.html   write an HTML report with charts
  --seed N             seed of the friend graph (default 1)
  --churn RATE         reconnect RATE sockets/s during the load; each catches up with notifications:sync
                       (nothing missing, nothing duplicated)
  --soak               the soak preset (1500 users, 20 friends, post/comment/visit rates 50/10/10, 1200 s,
                       then --hold 60 s without writes); other flags override it (--duration to shorten);
                       reports memory over time and latency drift, and the hub's RSS at the end
                       against a fresh hub's started on the same data
  --quiet              no progress lines
  -h, --help           this text`;

function num(flag: string, v: string | undefined, min = 0): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < min)
    throw new UsageError(`${flag} needs a number ≥ ${min}, got ${v ?? 'nothing'}`);
  return n;
}

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
/** Every flag, for the shared parser (scripts/cli-args.ts). */
export const cliSpec = {
  command: 'npm run loadtest --',
  usage,
  options: {
    url: str,
    scenario: str,
    posts: str,
    'hub-root': str,
    users: str,
    friends: str,
    'post-rate': str,
    posters: str,
    'comment-rate': str,
    'message-rate': str,
    devices: str,
    'visit-rate': str,
    duration: str,
    ramp: str,
    threshold: { type: 'string', multiple: true },
    engine: str,
    nodes: str,
    'redis-cluster': flag,
    'store-process': flag,
    idle: flag,
    hold: str,
    workers: str,
    'source-ips': str,
    'connect-concurrency': str,
    drain: str,
    profile: str,
    json: str,
    report: str,
    seed: str,
    quiet: flag,
    churn: str,
    soak: flag,
  },
} as const;

/** Parses CLI arguments into options; throws a `UsageError` with a one-line message on bad input. */
export function parseArgs(argv: readonly string[]): LoadTestOptions | 'help' {
  const { values: v, help } = parseCli(cliSpec, argv);
  if (help) return 'help';
  const o: { -readonly [K in keyof LoadTestOptions]: LoadTestOptions[K] } = { ...defaultOptions };
  const int = (name: keyof typeof v, min = 0) => Math.floor(num(`--${name}`, v[name] as string, min));
  // The preset first: any flag given beside it overrides its value.
  if (v.soak) Object.assign(o, soakPreset, { soak: true });
  if (v.churn !== undefined) o.churn = num('--churn', v.churn, 0.1);
  if (v.url !== undefined) o.url = v.url;
  if (v.scenario !== undefined) o.scenario = choiceArg(v.scenario, 'scenario', ['friends', 'celebrity', 'chat'] as const)!;
  if (v.posts !== undefined) o.posts = int('posts', 1);
  if (v['hub-root'] !== undefined) o.hubRoot = v['hub-root'];
  if (v.users !== undefined) o.users = int('users', 1);
  if (v.friends !== undefined) o.friends = int('friends');
  if (v['post-rate'] !== undefined) o.postRate = v['post-rate'] === 'max' ? 'max' : num('--post-rate', v['post-rate']);
  if (v.posters !== undefined) o.posters = int('posters', 1);
  if (v['comment-rate'] !== undefined) o.commentRate = num('--comment-rate', v['comment-rate']);
  if (v['message-rate'] !== undefined) o.messageRate = num('--message-rate', v['message-rate']);
  if (v.devices !== undefined) o.devices = int('devices', 1);
  if (v['visit-rate'] !== undefined) o.visitRate = num('--visit-rate', v['visit-rate']);
  if (v.duration !== undefined) o.duration = num('--duration', v.duration);
  if (v.ramp !== undefined) {
    if (/^\d+(\.\d+)?$/.test(v.ramp.trim())) o.ramp = num('--ramp', v.ramp);
    else o.rampPhases = parseRamp(v.ramp, o.users);
  }
  if (v.threshold?.length) o.thresholds = v.threshold.map(parseThreshold);
  if (v.engine !== undefined) o.engine = choiceArg(v.engine, 'engine', ['uws', 'ws'] as const)!;
  if (v.nodes !== undefined) o.nodes = int('nodes', 1);
  if (v['redis-cluster']) o.redisCluster = true;
  if (v['store-process']) o.storeProcess = true;
  if (v.idle) o.idle = true;
  if (v.hold !== undefined) o.hold = num('--hold', v.hold);
  if (v.workers !== undefined) o.workers = int('workers', 1);
  if (v['source-ips'] !== undefined) o.sourceIps = Math.min(250, int('source-ips', 1));
  if (v['connect-concurrency'] !== undefined) o.connectConcurrency = int('connect-concurrency', 1);
  if (v.drain !== undefined) o.drain = num('--drain', v.drain);
  if (v.profile !== undefined) o.profileDir = v.profile;
  if (v.json !== undefined) o.json = v.json;
  if (v.report !== undefined) o.report = v.report;
  if (v.seed !== undefined) o.seed = int('seed');
  if (v.quiet) o.verbose = false;
  if (o.scenario === 'celebrity' && o.url)
    throw new UsageError('--scenario celebrity seeds a certified space in the store: not with --url');
  if (o.scenario === 'chat' && (o.idle || o.rampPhases || o.thresholds || o.report))
    throw new UsageError(
      '--scenario chat takes none of --idle, phased --ramp, --threshold, --report (it prints and --json writes its summary)',
    );
  if (o.url && o.nodes > 1) throw new UsageError('--nodes only applies when the load tester starts the hubs (no --url)');
  if ((o.churn || o.soak) && o.idle) throw new UsageError('--churn and --soak drive traffic: not with --idle');
  if (o.redisCluster && o.nodes < 2) throw new UsageError('--redis-cluster needs --nodes 2 or more');
  return o;
}
