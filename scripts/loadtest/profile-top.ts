/**
 * The top functions of a V8 CPU profile (from `--profile DIR`), by self time and by total time:
 *   node --import tsx scripts/loadtest/profile-top.ts DIR/hub0-uws.cpuprofile [count]
 */
import fs from 'node:fs';
import { cli, intArg, UsageError } from '../cli-args.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface TopEntry {
  readonly name: string;
  readonly selfMs: number;
  readonly selfPct: number;
}

const label = (n: ProfileNode) => {
  const url = n.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'node_modules/')
    .replace(/.*\/work\/main\//, '');
  return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
};

/** Self time per function (summed over call sites), highest first. */
export function topSelf(profile: CpuProfile, count: number): TopEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id);
    if (node) self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, selfMs: Math.round(ms), selfPct: Math.round((ms / total) * 1000) / 10 }));
}

/** Self time per file/package, highest first: where the time goes at a glance. */
export function topFiles(profile: CpuProfile, count: number): TopEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    const url = node.callFrame.url;
    const key = url.includes('node_modules/')
      ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
      : url.replace(/^file:\/\//, '').replace(/.*\/work\/main\//, '') || `(${node.callFrame.functionName || 'native'})`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, selfMs: Math.round(ms), selfPct: Math.round((ms / total) * 1000) / 10 }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { file, count } = cli(
    {
      command: 'scripts/loadtest/profile-top.ts',
      usage: `usage: node --import tsx scripts/loadtest/profile-top.ts FILE.cpuprofile [count]

The functions and the files or packages with the most self time in a V8 CPU profile (as
npm run loadtest -- --profile DIR writes them).

  count   functions to list (default 25)`,
      options: {},
      positionals: true,
    },
    ({ positionals: [file, n, extra] }) => {
      if (!file) throw new UsageError('a FILE.cpuprofile is required');
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
      return { file, count: intArg(n, '[count]', 1, 10_000) ?? 25 };
    },
  );
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write('self time by function:\n');
  for (const e of topSelf(profile, count))
    process.stdout.write(`${String(e.selfPct).padStart(5)}% ${String(e.selfMs).padStart(6)} ms  ${e.name}\n`);
  process.stdout.write('\nself time by file or package:\n');
  for (const e of topFiles(profile, 15))
    process.stdout.write(`${String(e.selfPct).padStart(5)}% ${String(e.selfMs).padStart(6)} ms  ${e.name}\n`);
}
