/**
 * `npm run bench -- <name> [args]`: runs scripts/bench/<name>.ts's exported `run(args)`.
 * With no name (or an unknown one), lists the benchmarks there are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(args: string[]): Promise<unknown> | unknown;
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

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const names = availableBenches();
  if (!name || name === '--help' || !names.includes(name)) {
    if (name && name !== '--help') process.stderr.write(`no benchmark named "${name}"\n`);
    process.stdout.write(`usage: npm run bench -- <name> [args]\navailable: ${names.join(', ') || '(none yet)'}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  const mod: unknown = await import(pathToFileURL(path.join(here, `${name}.ts`)).href);
  if (!isBenchModule(mod)) {
    process.stderr.write(`scripts/bench/${name}.ts does not export run(args)\n`);
    return 2;
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
