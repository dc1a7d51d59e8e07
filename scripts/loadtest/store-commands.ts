/**
 * Store commands the hubs have issued, read from their `/metrics`: the counts of the
 * `kj_store_command_duration_seconds` histogram (one per command the driver sent), by command name.
 * Taken before and after a load, the difference says how many commands each write cost.
 */
import { httpJson } from './http.js';

export type CommandCounts = Readonly<Record<string, number>>;

/** Every hub's counts by command, summed; null when a hub has no `/metrics` for us. */
export async function storeCommandCounts(baseUrls: readonly string[]): Promise<CommandCounts | null> {
  const counts: Record<string, number> = {};
  const token = process.env.METRICS_TOKEN;
  for (const base of baseUrls) {
    const res = await httpJson<string>(base, 'GET', '/metrics', {
      timeoutMs: 5_000,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    }).catch(() => null);
    if (!res || res.status !== 200 || typeof res.body !== 'string') return null;
    for (const line of res.body.split('\n')) {
      if (!line.startsWith('kj_store_command_duration_seconds_count')) continue;
      const name = /command="([^"]*)"/.exec(line)?.[1] ?? '?';
      counts[name] = (counts[name] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return counts;
}

/**
 * Commands between two readings, without `count`: a scrape's own gauges (estimatedDocumentCount)
 * issue it, no write does. null when either reading is missing.
 */
export function commandsBetween(before: CommandCounts | null, after: CommandCounts | null): CommandCounts | null {
  if (!before || !after) return null;
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) {
    const d = n - (before[name] ?? 0);
    if (name !== 'count' && d > 0) out[name] = d;
  }
  return out;
}

export const totalOf = (counts: CommandCounts): number => Object.values(counts).reduce((s, n) => s + n, 0);
