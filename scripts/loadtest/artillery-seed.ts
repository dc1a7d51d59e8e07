/**
 * The seed step of the Artillery scenario (test/load/artillery.yml): one user per virtual user,
 * since the hub refuses a user's socket past `SOCKETS_PER_USER` with `too_many_sockets`.
 *   node --import tsx scripts/loadtest/artillery-seed.ts --url http://127.0.0.1:3000 [--users N] [--out FILE]
 * registers N users (default: as many as the scenario's phases start virtual users) through the
 * REST API and writes FILE (default test/load/artillery-users.csv): `token,handle,visit` per line,
 * where `visit` is another seeded user's handle, whose space the virtual user enters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import { cli, intArg } from '../cli-args.js';
import { makeFriendGraph } from './friend-graph.js';
import { repoRoot } from './processes.js';
import { seedViaApi, type SeededUser } from './seed.js';
import { sourceIpsFor } from './source-address.js';

export const scenarioFile = path.join(repoRoot, 'test/load/artillery.yml');
export const defaultUsersCsv = path.join(repoRoot, 'test/load/artillery-users.csv');

interface Phase {
  duration?: number;
  arrivalRate?: number;
  rampTo?: number;
  arrivalCount?: number;
}

/** How many virtual users the phases start (Artillery's arrivals: a ramp averages its two rates). */
export function virtualUsersOf(phases: readonly Phase[]): number {
  let total = 0;
  for (const p of phases) {
    const d = p.duration ?? 0;
    if (p.arrivalCount !== undefined) total += p.arrivalCount;
    else if (p.rampTo !== undefined) total += Math.ceil((((p.arrivalRate ?? 0) + p.rampTo) / 2) * d);
    else total += Math.ceil((p.arrivalRate ?? 0) * d);
  }
  return total;
}

/** The scenario's phases, read from its YAML. */
export function scenarioPhases(yamlText: string): Phase[] {
  const doc = parse(yamlText) as { config?: { phases?: Phase[] } };
  return doc.config?.phases ?? [];
}

/** The CSV rows Artillery's payload reads: token, own handle, and a handle to visit. */
export function usersCsv(users: readonly SeededUser[]): string {
  return users.map((u, i) => `${u.token},${u.handle},${users[(i + 1) % users.length]!.handle}`).join('\n') + '\n';
}

/** Registers `count` users on the hub at `url` (a fresh handle prefix each time). */
export function seedArtilleryUsers(
  url: string,
  count: number,
  sourceIps = 8,
  log: (l: string) => void = () => undefined,
): Promise<SeededUser[]> {
  const base = url.replace(/\/$/, '');
  const prefix = `art${randomBytes(3).toString('hex')}u`;
  return seedViaApi(base, makeFriendGraph(count, 0), prefix, sourceIpsFor([base], sourceIps), log);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const usage = `usage: node --import tsx scripts/loadtest/artillery-seed.ts --url URL [--users N] [--out FILE]
  --url URL     the hub's HTTP address (GET /api/config answers there)
  --users N     users to register (default: the virtual users test/load/artillery.yml starts)
  --out FILE    the CSV to write (default test/load/artillery-users.csv)`;
  const o = cli(
    { command: 'artillery-seed', usage, options: { url: { type: 'string' }, users: { type: 'string' }, out: { type: 'string' } } },
    ({ values }) => ({
      url: values.url ?? process.env.KJ_URL ?? 'http://127.0.0.1:3000',
      users: intArg(values.users, 'users', 1, 1_000_000) ?? virtualUsersOf(scenarioPhases(fs.readFileSync(scenarioFile, 'utf8'))),
      out: values.out ?? defaultUsersCsv,
    }),
  );
  const users = await seedArtilleryUsers(o.url, o.users, 8, (l) => process.stderr.write(`${l}\n`));
  fs.writeFileSync(o.out, usersCsv(users));
  process.stdout.write(`wrote ${users.length} users to ${o.out}\n`);
  process.exit(0);
}
