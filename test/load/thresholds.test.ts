/**
 * The load tester as a CI gate: `--threshold` parsing and judging, ramped connect phases, source
 * addresses only towards loopback, and two tiny ramped runs against a running test hub (`--url`) — one
 * whose thresholds hold, and one through the CLI whose breached threshold exits 1 and is listed in the
 * printed summary and the HTML report; both list their ramp stages.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLoadTest } from '../../scripts/loadtest/index.js';
import { parseArgs } from '../../scripts/loadtest/options.js';
import { connectDueMs, connectedByStageEnd, parseRamp, rampStageResults } from '../../scripts/loadtest/ramp.js';
import { renderReport } from '../../scripts/loadtest/report.js';
import { isLoopbackUrl, sourceAddress, sourceIpsFor } from '../../scripts/loadtest/source-address.js';
import { parseThreshold } from '../../scripts/loadtest/threshold-parse.js';
import { UsageError } from '../../scripts/cli-args.js';
import { useTestHub } from '../helpers/index.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('--threshold', () => {
  it('reads a figure, a comparison and a number', () => {
    expect(parseThreshold('p99<50')).toEqual({ text: 'p99<50', figure: 'p99', op: '<', limit: 50 });
    expect(parseThreshold(' missing = 0 ')).toMatchObject({ figure: 'missing', op: '=', limit: 0 });
    expect(parseThreshold('deliveries-per-sec>=1500.5')).toMatchObject({ figure: 'deliveries-per-sec', op: '>=', limit: 1500.5 });
  });

  it('refuses unknown figures and malformed expressions with a usage error', () => {
    expect(() => parseThreshold('p42<5')).toThrow(/names no figure "p42"/);
    for (const bad of ['p99', 'p99<', '<5', 'p99<<5', 'p99<five']) expect(() => parseThreshold(bad)).toThrow(UsageError);
  });

  it('is repeatable on the command line, beside phases for --ramp', () => {
    const options = parseArgs(['--users', '100', '--threshold', 'p99<50', '--threshold=missing=0', '--ramp', '0:2s,100:10s']);
    expect(options).not.toBe('help');
    if (options === 'help') return;
    expect(options.thresholds?.map((t) => t.text)).toEqual(['p99<50', 'missing=0']);
    expect(options.rampPhases).toEqual([
      { users: 0, ms: 2000 },
      { users: 100, ms: 10_000 },
    ]);
  });
});

describe('--ramp phases', () => {
  it('a number spreads every connect evenly; phases ramp linearly, hold, then connect the rest at once', () => {
    expect(parseRamp('60', 10)).toEqual([{ users: 10, ms: 60_000 }]);
    expect(parseRamp('0', 10)).toEqual([]);
    expect(parseRamp('500:30s,2000:1m,2000:500ms', 3000)).toEqual([
      { users: 500, ms: 30_000 },
      { users: 2000, ms: 60_000 },
      { users: 2000, ms: 500 },
    ]);
    expect(() => parseRamp('fast', 10)).toThrow(UsageError);
    expect(() => parseRamp('100:10s,50:10s', 100)).toThrow(
      new UsageError('--ramp targets may not fall (sockets stay connected for the load): 100 then 50'),
    );
    const phases = parseRamp('0:60s,100:100s', 200); // hold 60 s at none, then 100 users over 100 s
    expect(connectDueMs(0, 200, phases)).toBe(60_000);
    expect(connectDueMs(50, 200, phases)).toBe(110_000);
    expect(connectDueMs(99, 200, phases)).toBe(159_000);
    expect(connectDueMs(150, 200, phases)).toBe(160_000);
  });

  it('each stage counts the sockets connected by its end, over every worker', () => {
    const phases = parseRamp('0:1s,2:1s,4:2s', 4);
    // Two workers on the shared clock, started at 1000: connects at 2.5 s and 3 s (and one never), and at 1.9 s and 4.5 s.
    const a = connectedByStageEnd(phases, 1000, [3500, 4000, 0]);
    const b = connectedByStageEnd(phases, 1000, [2900, 5500]);
    expect([a, b]).toEqual([
      [0, 0, 2],
      [0, 1, 1],
    ]);
    expect(rampStageResults(phases, [a, b])).toEqual([
      { users: 0, ms: 1000, endsAtSeconds: 1, connected: 0 },
      { users: 2, ms: 1000, endsAtSeconds: 2, connected: 1 },
      { users: 4, ms: 2000, endsAtSeconds: 4, connected: 3 },
    ]);
  });
});

describe('source addresses', () => {
  it('are 127.0.0.x only towards loopback; towards another host the kernel picks', () => {
    for (const url of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://127.1.2.3']) expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ['http://10.0.0.5:3000', 'http://hub.example:3000', 'http://127.0.0.1.example', 'http://[::1]:3000'])
      expect(isLoopbackUrl(url)).toBe(false);
    expect(sourceIpsFor(['http://127.0.0.1:3000', 'http://127.0.0.1:3001'], 8)).toBe(8);
    expect(sourceIpsFor(['http://hub.example:3000', 'http://hub.example:3001'], 8)).toBe(0);
    expect(sourceAddress(8, 9)).toBe('127.0.0.2');
    expect(sourceAddress(0, 9)).toBeUndefined();
  });
});

describe('a tiny run against a running hub (--url), judged by its thresholds', () => {
  // One hub for both runs, as a deployment would be: the load tester signs its users up through the API.
  const hub = useTestHub();

  it('met: every threshold listed ok with what was measured', async () => {
    const summary = await runLoadTest({
      url: hub.url,
      users: 8,
      friends: 2,
      postRate: 5,
      duration: 2,
      drain: 2,
      workers: 1,
      sourceIps: 1,
      rampPhases: parseRamp('4:1s,8:1s', 8),
      thresholds: ['missing=0', 'duplicates=0', 'unexpected=0', 'connect-failures=0', 'p99<5000'].map(parseThreshold),
      verbose: false,
    });
    expect(summary.connected).toBe(8);
    expect(summary.thresholds?.map((t) => [t.text, t.ok])).toEqual([
      ['missing=0', true],
      ['duplicates=0', true],
      ['unexpected=0', true],
      ['connect-failures=0', true],
      ['p99<5000', true],
    ]);
    expect(summary.thresholds?.[0]?.actual).toBe(0);
    // Each stage with its target and end; the first (4 users by 1 s) never holds more than its target.
    expect(summary.rampStages?.map((s) => [s.users, s.ms, s.endsAtSeconds])).toEqual([
      [4, 1000, 1],
      [8, 1000, 2],
    ]);
    expect(summary.rampStages?.[0]?.connected).toBeLessThanOrEqual(4);
    const report = renderReport(summary);
    expect(report).toContain('<h2>Ramp stages</h2>');
    expect(report).toMatch(/stage 1<\/th><td>to 4 users over 1s \(ends at 1s\): \d connected by then/);
    expect(report).toMatch(/stage 2<\/th><td>to 8 users over 1s \(ends at 2s\): \d connected by then/);
    expect(report).toContain('<tr><th>missing=0</th><td>ok: measured 0</td></tr>');
  }, 120_000);

  it('breached: the CLI lists it as BREACHED and exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-thresholds-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const report = path.join(dir, 'report.html');
    const args = [
      '--url',
      hub.url,
      '--users',
      '6',
      '--friends',
      '2',
      '--post-rate',
      '5',
      '--duration',
      '1',
      '--drain',
      '1',
      '--workers',
      '1',
      '--quiet',
    ];
    const more = ['--ramp', '3:500ms,6:500ms', '--report', report];
    const thresholds = ['--threshold', 'missing=0', '--threshold', 'deliveries-per-sec>1000000000'];
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/loadtest/index.ts', ...args, ...more, ...thresholds], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stdout).toMatch(/^threshold +ok +missing=0 \(measured 0\)$/m);
    expect(stdout).toMatch(/^threshold +BREACHED deliveries-per-sec>1000000000 \(measured [\d.]+\)$/m);
    expect(stderr).toContain('1 threshold(s) breached: deliveries-per-sec>1000000000');
    expect(stdout).toMatch(/^ramp stage 1  to 3 users over 0\.5s \(ends at 0\.5s\): \d connected by then$/m);
    expect(stdout).toMatch(/^ramp stage 2  to 6 users over 0\.5s \(ends at 1s\): \d connected by then$/m);
    expect(code).toBe(1);
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toMatch(/<tr><th>deliveries-per-sec&gt;1000000000<\/th><td>BREACHED: measured [\d.]+<\/td><\/tr>/);
    expect(html).toContain('<tr><th>missing=0</th><td>ok: measured 0</td></tr>');
    expect(html).toContain('<h2>Ramp stages</h2>');
  }, 120_000);
});
