/**
 * Seeds users (with spaces) and a friend graph straight into a store, and writes their tokens:
 *   node --import tsx scripts/seed.ts --uri mongodb://127.0.0.1:27017/kongjian --secret <hub SECRET> \
 *        --users 1000 --friends 20 [--prefix u_] [--tokens tokens.csv]
 * The hub must run with the same SECRET for the tokens to be valid. The CSV (`token,handle`) is the
 * payload an Artillery scenario (test/load/artillery.yml) can read.
 */
import fs from 'node:fs/promises';
import { makeFriendGraph } from './loadtest/friend-graph.js';
import { seedStore } from './loadtest/seed.js';

function arg(name: string, fallback?: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

async function main(): Promise<void> {
  const uri = arg('uri');
  const secret = arg('secret');
  const users = Number(arg('users', '100'));
  const friends = Number(arg('friends', '10'));
  const prefix = arg('prefix', 'seed_');
  const graph = makeFriendGraph(users, friends);
  const seeded = await seedStore(uri, graph, prefix, secret, (line) => process.stderr.write(`${line}\n`));
  const out = arg('tokens', 'tokens.csv');
  await fs.writeFile(out, `token,handle\n${seeded.map((u) => `${u.token},${u.handle}`).join('\n')}\n`);
  process.stderr.write(`wrote ${seeded.length} tokens to ${out}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
