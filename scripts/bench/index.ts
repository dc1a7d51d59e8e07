/**
 * `npm run bench -- <name> [args]`: runs scripts/bench/<name>.ts's exported `run(args)`.
 * With no name (or an unknown one), lists the benchmarks there are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cli } from '../cli-args.js';

interface BenchModule {
  run(args: string[]): Promise<unknown> | unknown;
  /** What the benchmark's own arguments are, for `npm run bench -- <name> --help`. */
  readonly usage?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The benchmark names: every .ts file here but this one. */
export function availableBenches(): string[] {
  return fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function isBenchModule(m: unknown): m is BenchModule {
  return typeof m === 'object' && m !== null && typeof (m as { run?: unknown }).run === 'function';
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
    process.stderr.write(`scripts/bench/${name}.ts does not export run(args)\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`usage: npm run bench -- ${name} [args]\n${mod.usage ? `\n${mod.usage}\n` : ''}`);
    return 0;
  }
  await mod.run(args);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
