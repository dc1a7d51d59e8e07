/**
 * Every script that takes arguments answers `--help` with its usage (exit 0, nothing started) and an
 * unknown flag with one line (exit 2); the shared parser (scripts/cli-args.ts) checks values the same way.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { intArg, parseCli, UsageError } from '../../scripts/cli-args.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = import.meta.resolve('tsx');
// Run from an empty directory: a script that started anything would leave ./data or the like behind.
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-cli-'));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const scripts = [
  'scripts/db.ts',
  'scripts/cluster.ts',
  'scripts/dev.ts',
  'scripts/bench/index.ts',
  'scripts/loadtest/index.ts',
  'scripts/docs-api.ts',
  'scripts/seed.ts',
  'scripts/gen-han-variants.ts',
  'scripts/i18n-check.ts',
  'scripts/check-cycles.ts',
  'scripts/test-node-matrix.ts',
];

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, path.join(root, script), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// Side by side: each run is mostly a process loading its code.
describe.concurrent('scripts answer --help and refuse unknown flags', () => {
  it.each(scripts)(
    '%s --help: usage on stdout, exit 0, nothing started',
    async (script) => {
      const { code, stdout, stderr } = await run(script, ['--help']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^usage: /);
      expect(fs.readdirSync(cwd)).toEqual([]);
    },
    60_000,
  );

  it.each(scripts)(
    '%s --bogus: one line naming the flag, exit 2',
    async (script) => {
      const { code, stdout, stderr } = await run(script, ['--bogus']);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/--bogus.*\(--help for usage\)$/m);
      expect(fs.readdirSync(cwd)).toEqual([]);
    },
    60_000,
  );

  it('a bad value is one line and exit 2 too (npm run cluster -- --nodes lots)', async () => {
    const { code, stderr } = await run('scripts/cluster.ts', ['--nodes', 'lots']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('npm run cluster --: --nodes must be a whole number from 1 to 32, not "lots" (--help for usage)');
  }, 60_000);
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
  });
});
