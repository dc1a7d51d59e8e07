/**
 * `npm run bench -- <name> [args]`: runs scripts/bench/<name>.ts's exported `run(args)`, once its
 * arguments have passed its exported `benchCli` through the shared parser (`--help`: its usage, exit 0;
 * an unknown flag: one line, exit 2; nothing started either way). With no name, lists the benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cli, UsageError, type CliArgs } from '../cli-args.js';

interface BenchModule {
  /** The benchmark's own arguments and their usage (what follows `npm run bench -- <name>`). */
  readonly benchCli: CliArgs<NonNullable<Parameters<typeof cli>[0]['options']>>;
  run(args: string[]): unknown;
}

/** Modules the benchmarks share: not benchmarks themselves. */
const helpers = new Set(['index', 'bench-hub', 'store-memory', 'store-wire']);

const here = path.dirname(fileURLToPath(import.meta.url));

/** The benchmark names: every .ts file here but this one. */
export function availableBenches(): string[] {
  return fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((name) => !helpers.has(name))
    .sort();
}

function isBenchModule(m: unknown): m is BenchModule {
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof (m as { run?: unknown }).run === 'function' &&
    typeof (m as { benchCli?: { usage?: unknown } }).benchCli?.usage === 'string'
  );
}

const usage = () => `usage: npm run bench -- <name> [args]    (npm run bench -- <name> --help: that benchmark's arguments)

available: ${availableBenches().join(', ') || '(none yet)'}`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const [name, ...args] = argv;
  // The benchmark's name first; what follows is the benchmark's own (so only the name is parsed here).
  const { positionals } = cli(
    { command: 'npm run bench --', usage: usage(), options: {}, positionals: true },
    (p) => p,
    name ? [name] : [],
  );
  const names = availableBenches();
  if (positionals.length === 0) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (!names.includes(name!)) {
    process.stderr.write(`npm run bench --: no benchmark named "${name}" (--help for usage)\n`);
    return 2;
  }
  const mod: unknown = await import(pathToFileURL(path.join(here, `${name}.ts`)).href);
  if (!isBenchModule(mod)) {
    process.stderr.write(`scripts/bench/${name}.ts does not export run(args) and benchCli\n`);
    return 2;
  }
  // Exits 0 with the usage for --help, 2 with one line for a bad argument.
  const command = `npm run bench -- ${name}`;
  cli({ command, ...mod.benchCli }, () => undefined, args);
  try {
    await mod.run(args);
  } catch (err) {
    // A value the benchmark itself checks (a number out of range): one line too.
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${command}: ${err.message} (--help for usage)\n`);
    return 2;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
