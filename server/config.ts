/** Environment → one typed, validated config object, read once at start. */
import { z } from 'zod';
import path from 'node:path';
import { isIP } from 'node:net';

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.join(' or ')}//`,
    )
    .optional();

const positiveInt = z.coerce.number().int().positive();

/** A name express's `trust proxy` knows, an IP address, or an address/prefix range. */
function isProxyName(p: string): boolean {
  return ['loopback', 'linklocal', 'uniquelocal'].includes(p) || isAddressOrRange(p);
}

/** An IP address, or an address/prefix range. */
function isAddressOrRange(p: string): boolean {
  const [address = '', prefix, ...rest] = p.split('/');
  if (rest.length || isIP(address) === 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128));
}

const envSchema = z.object({
  PORT: port.default(3000),
  WS_PORT: port.optional(),
  /** Unset: `uws` where its native binary loads, else `ws` with a warning (realtime/uws-native.ts). */
  REALTIME_ENGINE: z.enum(['uws', 'ws']).optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MONGODB_URI: optionalUrl(['mongodb:', 'mongodb+srv:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  /** Seed nodes of a Redis Cluster, `host:port,host:port,…` (instead of REDIS_URL). */
  REDIS_CLUSTER_NODES: z
    .string()
    .trim()
    .regex(/^[\w.-]+:\d{1,5}(,\s*[\w.-]+:\d{1,5})*$/, 'must be host:port,host:port,…')
    .optional(),
  /** Prefix of every Redis key and channel the hub uses (several hubs may share one Redis). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:-]{1,32}$/, 'must be 1–32 of a-z A-Z 0-9 _ : -')
    .default('kj'),
  /**
   * Socket.IO's Redis adapter: `sharded` (Redis ≥ 7 sharded pub/sub, a channel per room: a node
   * hears only rooms it has sockets in; measured faster, `npm run bench -- adapter`) or `classic`
   * pub/sub (any Redis).
   */
  REDIS_ADAPTER: z.enum(['classic', 'sharded']).default('sharded'),
  SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The previous SECRET during a key rotation: what it signed stays valid for verification. */
  SECRET_PREVIOUS: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Bearer token for GET /metrics; unset, /metrics answers loopback peers only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ID: z.string().trim().min(1).max(64).optional(),
  /** What `/api/config` tells clients to connect to, when a proxy fronts the nodes. */
  REALTIME_URL: optionalUrl(['http:', 'https:']),
  /** Most sockets one user may have open at once (across nodes with Redis); the next gets `too_many_sockets`. */
  SOCKETS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(16),
  /** Socket.IO handshakes one address may start per minute (also the most at once); past it 403 `too_many_handshakes`. */
  SOCKET_HANDSHAKES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000_000).default(120),
  /** How long a user must stay away before friends are told they went offline (a flapping connection is not news). */
  PRESENCE_OFFLINE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  /** Socket.IO sessions not yet signed in, in total per node; one more closes the oldest. */
  SOCKET_PENDING_MAX: z.coerce.number().int().min(1).max(10_000_000).default(2_000),
  /**
   * Which peers may set X-Forwarded-For / X-Forwarded-Host: comma-separated `loopback`, `linklocal`,
   * `uniquelocal`, addresses and CIDR ranges, or a number of proxy hops. Unset: nobody (the peer's own
   * address is the client's).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => /^\d{1,2}$/.test(v) || v.split(',').every((p) => isProxyName(p.trim())),
      'must be loopback, linklocal, uniquelocal, addresses or CIDR ranges (comma-separated), or a hop count',
    )
    .optional(),
  /** Most connections one address may hold open on the HTTP port (peers TRUST_PROXY names are not capped). */
  CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(256),
  /** Milliseconds a connection may take to send a request's headers before it is closed (≤ 120000). */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  /** New Idempotency-Keys one user may have kept per 24 h (each is a stored answer); scaled by RATE_LIMIT_SCALE. */
  IDEMPOTENCY_KEYS_PER_USER: positiveInt.default(1000),
  /**
   * scrypt's cost N for new password hashes (a power of two, 1024–1048576; stored hashes keep theirs).
   * Test hubs lower it (a sign-up then costs ~2 ms of CPU instead of ~40); production keeps the default.
   */
  PASSWORD_SCRYPT_N: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_048_576)
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two')
    .default(16_384),
  /** Multiplies every rate-limit budget (a load tester's own hub raises it). */
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /** Comma-separated origins allowed by CORS; unset allows any origin (tokens, not cookies, carry auth). */
  CORS_ORIGINS: z.string().trim().optional(),
  /** How long a signed token stays valid, in seconds. */
  TOKEN_TTL_SECONDS: positiveInt.default(60 * 60 * 24 * 30),
  /** Most bytes a socket may have queued before it is cut off as a slow consumer. */
  SOCKET_MAX_BUFFER_BYTES: positiveInt.default(1024 * 1024),
  /** Largest accepted Socket.IO message. */
  SOCKET_MAX_MESSAGE_BYTES: positiveInt.default(64 * 1024),
  UPLOAD_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
  /** Largest accepted video upload. */
  VIDEO_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  /** How long an uploaded video may wait for a post to carry it before it is deleted (file, record, quota). */
  VIDEO_ORPHAN_MS: z.coerce.number().int().min(1000).default(86_400_000),
  /** The ffmpeg and ffprobe binaries videos are cut and probed with (a hub without them refuses videos). */
  FFMPEG_PATH: z.string().trim().min(1).default('ffmpeg'),
  FFPROBE_PATH: z.string().trim().min(1).default('ffprobe'),
  QUOTA_BASIC_BYTES: positiveInt.default(3 * 1024 ** 3),
  QUOTA_YELLOW_BYTES: positiveInt.default(25 * 1024 ** 3),
  /** Most albums one user may have. */
  ALBUM_LIMIT: positiveInt.default(1000),
  /** Most photos one album may hold. */
  PHOTOS_PER_ALBUM: positiveInt.default(10_000),
  /** Milliseconds a SIGTERM waits for in-flight work before closing anyway. */
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  /** How long a game invite stays pending, in milliseconds. */
  INVITE_TTL_MS: positiveInt.default(60_000),
  /** How long a player may be gone from an active match before forfeiting, in milliseconds. */
  FORFEIT_MS: positiveInt.default(60_000),
  /** How often every node sweeps for expired invites and due forfeits, in milliseconds. */
  GAME_SWEEP_MS: positiveInt.default(2_500),
  /** How far ahead a scheduled post's `publishAt` must be, at least, in milliseconds (tests shorten it). */
  SCHEDULE_MIN_LEAD_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How long a node's claim on a due scheduled post lasts before another node may take it over. */
  SCHEDULE_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** The safety-net poll for due scheduled posts (missed bus messages, a store that was down). */
  SCHEDULE_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  /** Tests only: a pause between claiming a due post and publishing it (to kill a node holding a claim). */
  SCHEDULE_CLAIM_PAUSE_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /** Tests only: the node stops at this step of publishing a scheduled post, as if it died there. */
  SCHEDULE_TEST_STALL: z.enum(['none', 'before-announce', 'before-clear']).default('none'),
  /** Link previews: the hub fetches a post's first link (public addresses only); `off` never fetches. */
  LINK_PREVIEW: z.enum(['on', 'off']).default('on'),
  /** Private addresses or CIDR ranges link previews may fetch anyway (tests, intranets), comma-separated. */
  LINK_PREVIEW_ALLOW: z
    .string()
    .trim()
    .refine((v) => v === '' || v.split(',').every((p) => isAddressOrRange(p.trim())), 'must be addresses or CIDR ranges, comma-separated')
    .optional(),
});

/** Every environment variable the hub reads (README's table and compose.yaml use these names). */
export const configVariables: readonly string[] = Object.keys(envSchema.shape);

export type Engine = 'uws' | 'ws';

export interface Config {
  readonly port: number;
  /** Socket.IO port on the uws engine; equals `port` on the ws engine. */
  readonly wsPort: number;
  readonly engine: Engine;
  /** REALTIME_ENGINE was set: `uws` then refuses to start without its native binary instead of falling back. */
  readonly engineExplicit: boolean;
  readonly host: string;
  readonly dataDir: string;
  readonly mongodbUri: string | undefined;
  readonly redisUrl: string | undefined;
  /** Redis Cluster seed nodes (`host:port`); set instead of `redisUrl`, never with it. */
  readonly redisClusterNodes: readonly string[] | undefined;
  readonly redisPrefix: string;
  readonly redisAdapter: 'classic' | 'sharded';
  /** Unset means: generated once into `dataDir`. */
  readonly secret: string | undefined;
  /** The secret before the last rotation: still accepted when verifying, never used to sign. */
  readonly secretPrevious: string | undefined;
  readonly metricsToken: string | undefined;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly nodeId: string;
  readonly realtimeUrl: string | undefined;
  readonly rateLimitScale: number;
  /** scrypt's N for new password hashes. */
  readonly passwordScryptCost: number;
  readonly socketsPerUser: number;
  readonly presenceOfflineGraceMs: number;
  /** Handshakes per address per minute, and anonymous sessions per node (realtime/handshake-gate.ts). */
  readonly socketHandshakes: { readonly perAddressPerMinute: number; readonly maxPending: number };
  readonly connectionsPerAddress: number;
  readonly headersTimeoutMs: number;
  readonly idempotencyKeysPerUser: number;
  /** express `trust proxy`: false (trust no peer), a hop count, or the trusted peers. */
  readonly trustProxy: false | number | readonly string[];
  readonly corsOrigins: readonly string[] | undefined;
  readonly tokenTtlSeconds: number;
  readonly socketMaxBufferBytes: number;
  readonly socketMaxMessageBytes: number;
  readonly uploadMaxBytes: number;
  readonly videoMaxBytes: number;
  readonly videoOrphanMs: number;
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  readonly quotaBytes: { readonly basic: number; readonly yellow: number };
  readonly albumLimit: number;
  readonly photosPerAlbum: number;
  readonly shutdownGraceMs: number;
  readonly inviteTtlMs: number;
  readonly forfeitMs: number;
  readonly gameSweepMs: number;
  /** Scheduled posts: lead time, claim lease, safety-net poll, and the test-only claim pause and stall. */
  /** Link previews: whether the hub fetches them, and the private addresses/ranges it may fetch anyway. */
  readonly linkPreview: { readonly enabled: boolean; readonly allow: readonly string[] };
  readonly scheduling: {
    readonly minLeadMs: number;
    readonly leaseMs: number;
    readonly pollMs: number;
    readonly claimPauseMs: number;
    readonly stallAt: 'none' | 'before-announce' | 'before-clear';
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment; a bad value throws a `ConfigError` naming it. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const engine = e.REALTIME_ENGINE ?? 'uws';
  const wsPort = engine === 'ws' ? e.PORT : (e.WS_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 1));
  if (engine === 'uws' && wsPort === e.PORT && e.PORT !== 0) {
    throw new ConfigError('invalid configuration: WS_PORT must differ from PORT on the uws engine');
  }
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES) {
    throw new ConfigError('invalid configuration: set REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both');
  }
  if (e.REDIS_CLUSTER_NODES && present.REDIS_ADAPTER === 'classic') {
    throw new ConfigError('invalid configuration: REDIS_ADAPTER=classic cannot run on a Redis Cluster (it needs sharded pub/sub)');
  }
  return {
    port: e.PORT,
    wsPort,
    engine,
    engineExplicit: e.REALTIME_ENGINE !== undefined,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    redisClusterNodes: e.REDIS_CLUSTER_NODES?.split(',').map((n) => n.trim()),
    redisPrefix: e.REDIS_PREFIX,
    redisAdapter: e.REDIS_ADAPTER,
    secret: e.SECRET,
    secretPrevious: e.SECRET_PREVIOUS,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    nodeId: e.NODE_ID ?? `node-${process.pid}`,
    realtimeUrl: e.REALTIME_URL,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    passwordScryptCost: e.PASSWORD_SCRYPT_N,
    socketsPerUser: e.SOCKETS_PER_USER,
    presenceOfflineGraceMs: e.PRESENCE_OFFLINE_GRACE_MS,
    socketHandshakes: { perAddressPerMinute: e.SOCKET_HANDSHAKES_PER_ADDRESS, maxPending: e.SOCKET_PENDING_MAX },
    connectionsPerAddress: e.CONNECTIONS_PER_ADDRESS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    idempotencyKeysPerUser: e.IDEMPOTENCY_KEYS_PER_USER,
    trustProxy: !e.TRUST_PROXY
      ? false
      : /^\d+$/.test(e.TRUST_PROXY)
        ? Number(e.TRUST_PROXY)
        : e.TRUST_PROXY.split(',').map((p) => p.trim()),
    corsOrigins: e.CORS_ORIGINS
      ? e.CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : undefined,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    socketMaxBufferBytes: e.SOCKET_MAX_BUFFER_BYTES,
    socketMaxMessageBytes: e.SOCKET_MAX_MESSAGE_BYTES,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    videoMaxBytes: e.VIDEO_MAX_BYTES,
    videoOrphanMs: e.VIDEO_ORPHAN_MS,
    ffmpegPath: e.FFMPEG_PATH,
    ffprobePath: e.FFPROBE_PATH,
    quotaBytes: { basic: e.QUOTA_BASIC_BYTES, yellow: e.QUOTA_YELLOW_BYTES },
    albumLimit: e.ALBUM_LIMIT,
    photosPerAlbum: e.PHOTOS_PER_ALBUM,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    inviteTtlMs: e.INVITE_TTL_MS,
    forfeitMs: e.FORFEIT_MS,
    gameSweepMs: e.GAME_SWEEP_MS,
    linkPreview: {
      enabled: e.LINK_PREVIEW === 'on',
      allow: (e.LINK_PREVIEW_ALLOW ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    },
    scheduling: {
      minLeadMs: e.SCHEDULE_MIN_LEAD_MS,
      leaseMs: e.SCHEDULE_LEASE_MS,
      pollMs: e.SCHEDULE_POLL_MS,
      claimPauseMs: e.SCHEDULE_CLAIM_PAUSE_MS,
      stallAt: e.SCHEDULE_TEST_STALL,
    },
  };
}
