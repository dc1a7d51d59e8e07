/** Small tools for fault-injection tests: bounded polling, timed requests, a process's memory. */
import fs from 'node:fs/promises';
import { apiClient, waitFor, type ApiAnswer, type ApiClient, type UntypedJson } from '../../helpers/index.js';

/** Polls `check` every 100 ms until it is true (an error counts as not yet); fails after `ms`. Resolves with the time it took. */
export async function within(ms: number, check: () => Promise<boolean>, what = 'condition'): Promise<number> {
  const start = Date.now();
  await waitFor(() => check().catch(() => false), { timeoutMs: ms, intervalMs: 100, what });
  return Date.now() - start;
}

/** The health answer of a node, or status 0 when it does not answer at all. */
export async function health(url: string): Promise<{ status: number; body: UntypedJson }> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3_000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return { status: 0, body: null };
  }
}

/** Waits until the node's health answers `status`; returns its body. */
export async function healthBecomes(url: string, status: number, ms = 20_000): Promise<UntypedJson> {
  let last: { status: number; body: UntypedJson } = { status: 0, body: null };
  await within(ms, async () => (last = await health(url)).status === status, `health ${status} at ${url}`);
  return last.body;
}

export interface TimedAnswer extends ApiAnswer {
  readonly ms: number;
}

/** A request that records how long it took; a network failure or timeout answers status 0. */
export async function timed(run: () => Promise<ApiAnswer>, timeoutMs = 10_000): Promise<TimedAnswer> {
  const start = Date.now();
  const timeout = new Promise<ApiAnswer>((resolve) =>
    setTimeout(() => resolve({ status: -1, body: 'client-side timeout', headers: new Headers() }), timeoutMs).unref(),
  );
  const res = await Promise.race([run().catch((err: Error) => ({ status: 0, body: String(err), headers: new Headers() })), timeout]);
  return { ...res, ms: Date.now() - start };
}

/** Resident memory of process `pid` in bytes (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}

/** The same user's API against another node of the cluster. */
export const onNode = (node: { readonly url: string }, token: string): ApiClient => apiClient(node.url, token);

/** Runs `task` over 0..n-1 with at most `limit` in flight. */
export async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, lane));
}
