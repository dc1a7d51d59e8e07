/**
 * HTTP for the load tester: the hub's REST API through the typed client (shared/api-client.ts) over
 * node:http with keep-alive and a chosen source address, and plain GETs for what is outside the API
 * contract (/metrics).
 */
import http from 'node:http';
import { createApiClient, type ApiClient, type Transport } from '../../shared/api-client.js';

export interface HttpAnswer<T> {
  readonly status: number;
  readonly body: T;
}

export interface HttpCall {
  readonly body?: unknown;
  readonly token?: string;
  /** Source address (127.0.0.x), to spread per-IP limits and ephemeral ports. */
  readonly localAddress?: string;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

const agents = new Map<string, http.Agent>();

function agentFor(localAddress: string | undefined): http.Agent {
  const key = localAddress ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 256, ...(localAddress ? { localAddress } : {}) });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes the kept-alive connections (call at the end of a run). */
export function closeHttpAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

export interface HubCall {
  readonly token?: string;
  /** Source address (127.0.0.x), to spread per-IP limits and ephemeral ports. */
  readonly localAddress?: string;
  readonly timeoutMs?: number;
}

/**
 * The typed REST client over kept-alive node:http connections. A signed-in POST carries an
 * Idempotency-Key and is sent once more when the connection drops before the answer (a kept-alive
 * connection the hub closed at that moment): the hub answers the repeat with the first answer, so
 * nothing is created twice and the run counts no false failure.
 */
export function hubClient(base: string, call: HubCall = {}): ApiClient {
  return createApiClient({ baseUrl: base, ...(call.token ? { token: call.token } : {}), transport: httpTransport(call) });
}

/** A transport for the typed client: node:http with the kept-alive agent of the source address. */
export function httpTransport(call: Pick<HubCall, 'localAddress' | 'timeoutMs'> = {}): Transport {
  return (url, request) => {
    const body = request.body;
    if (body !== undefined && typeof body !== 'string') return Promise.reject(new TypeError('the load tester sends JSON only'));
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = http.request(
        url,
        {
          method: request.method,
          headers,
          agent: agentFor(call.localAddress),
          timeout: call.timeoutMs ?? 30_000,
          ...(request.signal ? { signal: request.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const header = (name: string) => {
              const value = res.headers[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
            };
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: { get: header },
              text: () => Promise.resolve(text),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${request.method} ${url} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** A GET outside the API contract (Prometheus text), or any call by path: JSON parsed when it is JSON. */
export function httpJson<T = unknown>(base: string, method: string, path: string, call: HttpCall = {}): Promise<HttpAnswer<T>> {
  return httpJsonOnce<T>(base, method, path, call);
}

function httpJsonOnce<T>(base: string, method: string, path: string, call: HttpCall): Promise<HttpAnswer<T>> {
  const url = new URL(path, base);
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: agentFor(call.localAddress), timeout: call.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        if (text && (res.headers['content-type'] ?? '').includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        resolve({ status: res.statusCode ?? 0, body: body as T });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Reads a Prometheus text metric's value (first sample), or undefined. */
export function metricValue(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A Prometheus histogram's cumulative bucket counts (upper bound → count), first series only. */
export function histogramBuckets(text: string, name: string): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const m of text.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} ([0-9.eE+-]+)$`, 'gm'))) {
    const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
    if (!buckets.has(le)) buckets.set(le, Number(m[2]));
  }
  return buckets;
}

/**
 * The q-quantile of what a cumulative histogram observed between two scrapes (its bucket's upper
 * bound, as `histogram_quantile` without interpolation); undefined when nothing was observed.
 */
export function quantileBetween(before: Map<number, number>, after: Map<number, number>, q: number): number | undefined {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return undefined;
  for (const le of bounds) {
    if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= q * total) return le === Infinity ? bounds[bounds.length - 2] : le;
  }
  return undefined;
}
