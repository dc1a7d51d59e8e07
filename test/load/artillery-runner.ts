/**
 * Runs test/load/artillery.yml the way Artillery 2's Socket.IO engine and ensure plugin read it,
 * for the subset the file uses (Artillery itself is not a dependency: it is large and its install
 * downloads a browser). Per virtual user: the next payload row (order: sequence), `config.socketio`
 * templated with it, one socket; `emit` with `acknowledge.match` checked on the JSON of the
 * acknowledgement's arguments (as the engine does: `[ack]`), `think` (scaled for a short run).
 * Then the ensure checks, which Artillery applies only when `config.plugins.ensure` is present.
 */
import { parse } from 'yaml';
import { io, type Socket } from 'socket.io-client';

interface Phase {
  duration: number;
  arrivalRate: number;
  rampTo?: number;
}
interface Step {
  think?: number;
  emit?: { channel: string; data?: unknown; acknowledge?: { match?: { json: string; value: unknown } } };
}
interface Scenario {
  config: {
    phases: Phase[];
    payload?: { fields: string[] };
    socketio?: Record<string, unknown>;
    plugins?: { ensure?: unknown };
    ensure?: { thresholds?: Array<Record<string, number>>; conditions?: Array<{ expression: string }> };
  };
  scenarios: Array<{ engine: string; flow: Step[] }>;
}

export interface ArtilleryRunOptions {
  readonly target: string;
  /** Payload rows, in the order of `config.payload.fields`. */
  readonly rows: readonly (readonly string[])[];
  /** Replace the file's phases (a short run). */
  readonly phases?: readonly Phase[];
  /** Multiplies every `think` (a short run). */
  readonly thinkScale?: number;
}

export interface ArtilleryRun {
  readonly metrics: Record<string, number>;
  readonly errors: Record<string, number>;
  /** The failed ensure checks; Artillery exits non-zero when there is one. */
  readonly ensureFailures: readonly string[];
  readonly ensureEnabled: boolean;
}

/** `{{ name }}` from the virtual user's variables, `{{ $processEnvironment.X }}` from the environment. */
export function template(value: unknown, vars: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*([\w$.]+)\s*\}\}/g, (_m, name: string) =>
      name.startsWith('$processEnvironment.') ? (process.env[name.slice(20)] ?? '') : (vars[name] ?? ''),
    );
  }
  if (Array.isArray(value)) return value.map((v) => template(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, template(v, vars)]));
  return value;
}

/** JSONPath's `$`, `.name`, `.0` and `[0]`: what the file's matches use. */
export function jsonPath(root: unknown, expr: string): unknown {
  const parts = expr.replace(/^\$/, '').match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  let cur: unknown = root;
  for (const p of parts) {
    const key = p.startsWith('[') ? p.slice(1, -1) : p.slice(1);
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

function arrivals(phases: readonly Phase[]): number[] {
  const times: number[] = [];
  let start = 0;
  for (const p of phases) {
    const r0 = p.arrivalRate;
    const r1 = p.rampTo ?? r0;
    // Arrivals where the integral of the (linear) rate crosses each whole number.
    const total = Math.ceil(((r0 + r1) / 2) * p.duration);
    for (let i = 0; i < total; i++) {
      const k = i + 0.5;
      const a = (r1 - r0) / (2 * p.duration);
      const t = a === 0 ? k / r0 : (-r0 + Math.sqrt(r0 * r0 + 4 * a * k)) / (2 * a);
      times.push(start + t * 1000);
    }
    start += p.duration * 1000;
  }
  return times;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

function evaluate(expression: string, metrics: Readonly<Record<string, number>>): boolean {
  return expression.split(/\s+and\s+/).every((clause) => {
    const m = /^\s*([\w.]+)\s*(==|!=|>=|<=|>|<)\s*([\d.]+)\s*$/.exec(clause);
    if (!m) throw new Error(`ensure expression not understood here: ${clause}`);
    const v = metrics[m[1]!];
    if (v === undefined) return false; // Artillery: a metric that does not exist fails the check
    const n = Number(m[3]);
    return { '==': v === n, '!=': v !== n, '>=': v >= n, '<=': v <= n, '>': v > n, '<': v < n }[m[2] as '=='];
  });
}

export async function runArtilleryScenario(yamlText: string, options: ArtilleryRunOptions): Promise<ArtilleryRun> {
  const file = parse(yamlText) as Scenario;
  const { config } = file;
  const scenario = file.scenarios[0]!;
  if (scenario.engine !== 'socketio') throw new Error(`engine ${scenario.engine} is not run here`);
  const fields = config.payload?.fields ?? [];
  const metrics: Record<string, number> = { 'vusers.created': 0, 'vusers.completed': 0, 'vusers.failed': 0, 'socketio.emit': 0 };
  const errors: Record<string, number> = {};
  const times: number[] = [];
  const fail = (code: string): void => {
    metrics['vusers.failed']!++;
    errors[code] = (errors[code] ?? 0) + 1;
  };
  let next = 0;

  const virtualUser = async (): Promise<void> => {
    const row = options.rows[next++ % options.rows.length] ?? [];
    const vars = Object.fromEntries(fields.map((f, i) => [f, row[i] ?? '']));
    metrics['vusers.created']!++;
    const socketOptions = template(config.socketio ?? {}, vars) as Record<string, unknown>;
    const socket: Socket = io(String(template(options.target, vars)), { ...socketOptions, reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
    } catch (err) {
      socket.close();
      return fail(err instanceof Error ? err.message : String(err));
    }
    try {
      for (const step of scenario.flow) {
        if (step.think !== undefined) {
          await sleep(step.think * 1000 * (options.thinkScale ?? 1));
          continue;
        }
        const emit = step.emit!;
        metrics['socketio.emit']!++;
        const t0 = performance.now();
        const ack: unknown = await socket.timeout(10_000).emitWithAck(emit.channel, template(emit.data, vars));
        const match = emit.acknowledge?.match;
        if (match && jsonPath(JSON.parse(JSON.stringify([ack])), match.json) !== match.value) return fail('Failed match');
        times.push(performance.now() - t0);
      }
      metrics['vusers.completed']!++;
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    } finally {
      socket.close();
    }
  };

  const started = performance.now();
  const users: Array<Promise<void>> = [];
  for (const at of arrivals(options.phases ?? config.phases)) {
    const wait = at - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    users.push(virtualUser());
  }
  await Promise.all(users);

  times.sort((a, b) => a - b);
  metrics['socketio.response_time.p50'] = quantile(times, 0.5);
  metrics['socketio.response_time.p95'] = quantile(times, 0.95);
  metrics['socketio.response_time.p99'] = quantile(times, 0.99);
  metrics['socketio.response_time.max'] = times.at(-1) ?? 0;

  const ensureEnabled = Boolean(config.plugins && 'ensure' in config.plugins);
  const ensureFailures: string[] = [];
  if (ensureEnabled) {
    for (const t of config.ensure?.thresholds ?? []) {
      for (const [name, limit] of Object.entries(t)) {
        const v = metrics[name];
        if (v === undefined || !(v < limit)) ensureFailures.push(`${name} < ${limit}`);
      }
    }
    for (const c of config.ensure?.conditions ?? []) if (!evaluate(c.expression, metrics)) ensureFailures.push(c.expression);
  }
  return { metrics, errors, ensureFailures, ensureEnabled };
}
