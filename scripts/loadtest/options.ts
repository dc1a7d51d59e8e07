/** The load tester's options: defaults, and parsing them from `npm run loadtest -- ...`. */
import os from 'node:os';

export type Engine = 'uws' | 'ws';
/** `friends`: everyone posts to their friends. `celebrity`: one certified space posts to all its fans. */
export type Scenario = 'friends' | 'celebrity';

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
  readonly visitRate: number;
  /** Seconds of load after everyone is connected. */
  readonly duration: number;
  /** Seconds over which sockets connect (0: as fast as they can). */
  readonly ramp: number;
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
}

export const defaultOptions: LoadTestOptions = {
  scenario: 'friends',
  posts: 50,
  users: 200,
  friends: 10,
  postRate: 20,
  posters: 50,
  commentRate: 0,
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

export const usage = `npm run loadtest -- [options]
  --url URL            test a running hub (else one is started with a temp DATA_DIR)
  --scenario friends|celebrity   friends: users post to their friends (default); celebrity: user 0's
                       certified space posts --posts public posts, one after another, to every other
                       user, online as its fan
  --posts P            celebrity: posts to make (default ${defaultOptions.posts})
  --hub-root DIR       run the hub of another checkout (before/after comparisons) with this generator
  --users N            users, each with one socket (default ${defaultOptions.users})
  --friends K          friends per user (default ${defaultOptions.friends})
  --post-rate R|max    posts/s across all users; max = closed loop of --posters (default ${defaultOptions.postRate})
  --posters P          concurrent posters for --post-rate max (default ${defaultOptions.posters})
  --comment-rate R     comments/s (on posts of the run; pushes post:comment to the author)
  --visit-rate R       space visits/s (pushes space:visitor to the owner)
  --duration S         seconds of load (default ${defaultOptions.duration})
  --ramp S             seconds to spread connects over (default: as fast as possible)
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
  --quiet              no progress lines`;

function num(flag: string, v: string | undefined, min = 0): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number ≥ ${min}, got ${v ?? 'nothing'}`);
  return n;
}

/** Parses CLI arguments into options; throws an Error with a readable message on bad input. */
export function parseArgs(argv: readonly string[]): LoadTestOptions | 'help' {
  const o: { -readonly [K in keyof LoadTestOptions]: LoadTestOptions[K] } = { ...defaultOptions };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--url':
        o.url = value();
        break;
      case '--scenario': {
        const v = value();
        if (v !== 'friends' && v !== 'celebrity') throw new Error(`--scenario is friends or celebrity, got ${v ?? 'nothing'}`);
        o.scenario = v;
        break;
      }
      case '--posts':
        o.posts = Math.floor(num(flag, value(), 1));
        break;
      case '--hub-root':
        o.hubRoot = value();
        break;
      case '--users':
        o.users = Math.floor(num(flag, value(), 1));
        break;
      case '--friends':
        o.friends = Math.floor(num(flag, value()));
        break;
      case '--post-rate': {
        const v = value();
        o.postRate = v === 'max' ? 'max' : num(flag, v);
        break;
      }
      case '--posters':
        o.posters = Math.floor(num(flag, value(), 1));
        break;
      case '--comment-rate':
        o.commentRate = num(flag, value());
        break;
      case '--visit-rate':
        o.visitRate = num(flag, value());
        break;
      case '--duration':
        o.duration = num(flag, value());
        break;
      case '--ramp':
        o.ramp = num(flag, value());
        break;
      case '--engine': {
        const v = value();
        if (v !== 'uws' && v !== 'ws') throw new Error(`--engine is uws or ws, got ${v ?? 'nothing'}`);
        o.engine = v;
        break;
      }
      case '--nodes':
        o.nodes = Math.floor(num(flag, value(), 1));
        break;
      case '--redis-cluster':
        o.redisCluster = true;
        break;
      case '--store-process':
        o.storeProcess = true;
        break;
      case '--json':
        o.json = value();
        break;
      case '--report':
        o.report = value();
        break;
      case '--idle':
        o.idle = true;
        break;
      case '--hold':
        o.hold = num(flag, value());
        break;
      case '--workers':
        o.workers = Math.floor(num(flag, value(), 1));
        break;
      case '--source-ips':
        o.sourceIps = Math.min(250, Math.floor(num(flag, value(), 1)));
        break;
      case '--connect-concurrency':
        o.connectConcurrency = Math.floor(num(flag, value(), 1));
        break;
      case '--drain':
        o.drain = num(flag, value());
        break;
      case '--profile':
        o.profileDir = value();
        break;
      case '--seed':
        o.seed = Math.floor(num(flag, value()));
        break;
      case '--quiet':
        o.verbose = false;
        break;
      default:
        throw new Error(`unknown option ${raw}\n\n${usage}`);
    }
  }
  if (o.scenario === 'celebrity' && o.url) throw new Error('--scenario celebrity seeds a certified space in the store: not with --url');
  if (o.url && o.nodes > 1) throw new Error('--nodes only applies when the load tester starts the hubs (no --url)');
  if (o.redisCluster && o.nodes < 2) throw new Error('--redis-cluster needs --nodes 2 or more');
  return o;
}
