/** A small JSON-over-HTTP client with keep-alive and a chosen source address. */
import http from 'node:http';

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

export function httpJson<T = unknown>(base: string, method: string, path: string, call: HttpCall = {}): Promise<HttpAnswer<T>> {
  const url = new URL(path, base);
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers, agent: agentFor(call.localAddress), timeout: call.timeoutMs ?? 30_000 },
      (res) => {
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
      },
    );
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
