/**
 * Seeds users (with spaces) and a friend graph straight into a store, and writes their tokens:
 *   node --import tsx scripts/seed.ts --uri mongodb://127.0.0.1:27017/kongjian --secret <hub SECRET> \
 *        --users 1000 --friends 20 [--prefix u_] [--tokens tokens.csv]
 * The hub must run with the same SECRET for the tokens to be valid. The CSV (`token,handle`) is the
 * payload an Artillery scenario (test/load/artillery.yml) can read.
 */
import fs from 'node:fs/promises';
import { cli, intArg, UsageError } from './cli-args.js';

const usage = `usage: node --import tsx scripts/seed.ts --uri URI --secret SECRET [--users N] [--friends K] [--prefix P] [--tokens FILE]

Seeds users (with spaces) and a friend graph straight into a store and writes their tokens as CSV
(token,handle). The hub must run with the same SECRET for the tokens to be valid.

  --uri URI        the store (mongodb://…), required
  --secret SECRET  the hub's SECRET, required
  --users N        users (default 100)
  --friends K      friends per user (default 10)
  --prefix P       handle prefix (default seed_)
  --tokens FILE    where to write the tokens (default tokens.csv)
  -h, --help       this text`;

const args = cli(
  {
    command: 'scripts/seed.ts',
    usage,
    options: {
      uri: { type: 'string' },
      secret: { type: 'string' },
      users: { type: 'string', default: '100' },
      friends: { type: 'string', default: '10' },
      prefix: { type: 'string', default: 'seed_' },
      tokens: { type: 'string', default: 'tokens.csv' },
    },
  },
  ({ values }) => {
    if (!values.uri) throw new UsageError('--uri is required');
    if (!values.secret) throw new UsageError('--secret is required');
    return {
      uri: values.uri,
      secret: values.secret,
      users: intArg(values.users, 'users', 1, 10_000_000)!,
      friends: intArg(values.friends, 'friends', 0, 10_000)!,
      prefix: values.prefix,
      out: values.tokens,
    };
  },
);

async function main(): Promise<void> {
  const { uri, secret, users, friends, prefix, out } = args;
  // Loaded only after the arguments are read: `--help` and a bad flag touch nothing.
  const [{ makeFriendGraph }, { seedStore }] = await Promise.all([import('./loadtest/friend-graph.js'), import('./loadtest/seed.js')]);
  const graph = makeFriendGraph(users, friends);
  const seeded = await seedStore(uri, graph, prefix, secret, (line) => process.stderr.write(`${line}\n`));
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
