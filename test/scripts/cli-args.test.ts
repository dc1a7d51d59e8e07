/**
 * Every script package.json runs (and the ones the README has you run by path) answers `--help` with
 * its usage (exit 0, nothing started, nothing written) and an unknown flag with one line (exit 2),
 * through the shared parser (scripts/cli-args.ts), which checks values the same way. The scripts are
 * spawned a few at a time, each in an empty directory of its own: anything a script created there
 * (./data/db, tokens.csv …) would show.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intArg, parseCli, UsageError } from '../../scripts/cli-args.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = import.meta.resolve('tsx');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-cli-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** [how a user runs it, the file and the arguments before the ones under test]. */
const scripts: ReadonlyArray<readonly [label: string, file: string, ...pre: string[]]> = [
  ['npm start', 'server/main.ts'],
  ['npm run db', 'scripts/db.ts'],
  ['npm run cluster', 'scripts/cluster.ts'],
  ['npm run dev', 'scripts/dev.ts'],
  ['npm run docs:api', 'scripts/docs-api.ts'],
  ['npm run gen:han-variants', 'scripts/gen-han-variants.ts'],
  ['npm run lint (import cycles)', 'scripts/check-cycles.ts'],
  ['npm run test:node-matrix', 'scripts/test-node-matrix.ts'],
  ['npm run conformance', 'test/db/embedded/unified/cli.ts'],
  ['npm run loadtest', 'scripts/loadtest/index.ts'],
  ['npm run bench', 'scripts/bench/index.ts'],
  ...['adapter', 'circles', 'due-posts', 'feed', 'moderation', 'store'].map(
    (name) => [`npm run bench -- ${name}`, 'scripts/bench/index.ts', name] as const,
  ),
  ['scripts/seed.ts', 'scripts/seed.ts'],
  ['scripts/i18n-check.ts', 'scripts/i18n-check.ts'],
  ['scripts/loadtest/artillery-seed.ts', 'scripts/loadtest/artillery-seed.ts'],
  ['scripts/loadtest/store-memory.ts', 'scripts/loadtest/store-memory.ts'],
  ['scripts/loadtest/profile-top.ts', 'scripts/loadtest/profile-top.ts'],
  ['scripts/bench/store.ts', 'scripts/bench/store.ts'],
  ['scripts/bench/feed.ts', 'scripts/bench/feed.ts'],
  ['npm test (pretest set-up)', 'scripts/pretest.mjs'],
];

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the script left in its empty working directory. */
  readonly left: readonly string[];
}

function run(file: string, args: readonly string[]): Promise<Ran> {
  const cwd = fs.mkdtempSync(path.join(scratch, 'run-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, path.join(root, file), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr, left: fs.readdirSync(cwd) }));
  });
}

/** Runs every job, `width` at a time (the machine is shared: not all at once). */
async function pooled<T>(jobs: ReadonlyArray<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return out;
}

const cases = scripts.flatMap(([label, file, ...pre]) =>
  (['--help', '--bogus'] as const).map((flag) => ({ label, flag, file, args: [...pre, flag] })),
);
const results = new Map<string, Ran>();
beforeAll(async () => {
  const width = Math.max(2, Math.min(6, os.availableParallelism() + 1));
  const ran = await pooled(
    cases.map((c) => () => run(c.file, c.args)),
    width,
  );
  cases.forEach((c, i) => results.set(`${c.label} ${c.flag}`, ran[i]!));
}, 240_000);

describe('scripts answer --help and refuse unknown flags', () => {
  it.each(scripts.map(([label]) => label))('%s --help: usage on stdout, exit 0, nothing started', (label) => {
    const { code, stdout, stderr, left } = results.get(`${label} --help`)!;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: /);
    expect(left).toEqual([]);
  });

  it.each(scripts.map(([label]) => label))('%s --bogus: one line naming the flag, exit 2', (label) => {
    const { code, stdout, stderr, left } = results.get(`${label} --bogus`)!;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--bogus.*\(--help for usage\)$/m);
    expect(left).toEqual([]);
  });

  it('a bad value is one line and exit 2 too (npm run cluster -- --nodes lots)', async () => {
    const { code, stderr, left } = await run('scripts/cluster.ts', ['--nodes', 'lots']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('npm run cluster --: --nodes must be a whole number from 1 to 32, not "lots" (--help for usage)');
    expect(left).toEqual([]);
  }, 60_000);

  it('a benchmark checks its own values before it starts (npm run bench -- circles many)', async () => {
    const { code, stderr, left } = await run('scripts/bench/index.ts', ['circles', 'many']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('npm run bench -- circles: [rounds] must be a whole number from 1 to 100000, not "many" (--help for usage)');
    expect(left).toEqual([]);
  }, 60_000);

  it('a required flag left out is one line and exit 2 (npm run conformance with no --specs)', async () => {
    const { code, stderr } = await run('test/db/embedded/unified/cli.ts', []);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('npm run conformance --: --specs DIR is required (--help for usage)');
  }, 60_000);
});

describe('npm test (scripts/test.mjs)', () => {
  it("answers --help with its usage and starts nothing; its other arguments are Vitest's", async () => {
    const { code, stdout, stderr, left } = await run('scripts/test.mjs', ['--help', '--bail=1']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm test -- \[--no-checks\] \[Vitest arguments…\]/);
    expect(stdout).toContain('npm run typecheck');
    expect(left).toEqual([]);
  });
});

describe('parseCli', () => {
  const spec = { command: 'x', usage: 'usage: x', options: { port: { type: 'string' }, quiet: { type: 'boolean' } } } as const;

  it('reads flags, both spellings of a value, and -h', () => {
    expect(parseCli(spec, ['--port', '5', '--quiet']).values).toMatchObject({ port: '5', quiet: true });
    expect(parseCli(spec, ['--port=6']).values.port).toBe('6');
    expect(parseCli(spec, ['-h']).help).toBe(true);
  });

  it('refuses unknown flags, missing values and stray arguments with one sentence', () => {
    expect(() => parseCli(spec, ['--bogus'])).toThrow(new UsageError("Unknown option '--bogus'"));
    expect(() => parseCli(spec, ['--port'])).toThrow(UsageError);
    expect(() => parseCli(spec, ['extra'])).toThrow(new UsageError('unexpected argument "extra"'));
  });

  it('intArg checks whole numbers within bounds', () => {
    expect(intArg('7', 'n', 1, 9)).toBe(7);
    expect(intArg(undefined, 'n', 1, 9)).toBeUndefined();
    for (const bad of ['0', '10', '1.5', 'x', '']) expect(() => intArg(bad, 'n', 1, 9)).toThrow(UsageError);
    expect(() => intArg('x', '[count]', 1, 9)).toThrow(new UsageError('[count] must be a whole number from 1 to 9, not "x"'));
  });
});
