#!/usr/bin/env node
/**
 * `npm test`: Vitest, and beside it the type check and the lint (`npm run typecheck`, `npm run lint`)
 * at a lower CPU priority. The checks are each one process on one core and took the first 1½–3 minutes
 * of a run before a test started; the tests spend much of their time waiting on browsers, sockets and
 * timers, and the checks fill that time instead. A check's output is printed whole when it ends (a
 * failure at once, so it is not lost in the test log), and the run fails if Vitest or a check failed.
 *   npm test                         everything
 *   npm test -- test/modules/chat    some files (the checks still run; --no-checks to skip them)
 */
import { spawn, spawnSync } from 'node:child_process';

const usage = `usage: npm test -- [--no-checks] [Vitest arguments…]

Runs Vitest (vitest run) with the arguments given, and beside it, at a lower CPU priority, the type check
(npm run typecheck) and the lint (npm run lint); exits 1 if any of them failed. Every argument but the
ones below goes to Vitest (npx vitest --help lists them).

  --no-checks  Vitest only
  -h, --help   this text`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const withChecks = !args.includes('--no-checks');
const vitestArgs = args.filter((a) => a !== '--no-checks');

// nice(1) where there is one: the tests' timing matters more than the checks'.
const niced = spawnSync('sh', ['-c', 'command -v nice'], { stdio: 'ignore' }).status === 0;

/** Runs an npm script with its output kept; resolves with whether it passed, after printing that output. */
function check(script) {
  const started = Date.now();
  const [command, ...rest] = niced ? ['nice', '-n', '10', 'npm', 'run', '--silent', script] : ['npm', 'run', '--silent', script];
  return new Promise((resolve) => {
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      const text = Buffer.concat(output).toString().trimEnd();
      if (code === 0) console.log(`\nnpm run ${script}: passed in ${seconds} s${text ? `\n${text}` : ''}`);
      else console.error(`\nnpm run ${script}: FAILED (exit ${code ?? 'by signal'}) after ${seconds} s\n${text}`);
      resolve(code === 0);
    });
  });
}

const checkNames = withChecks ? ['typecheck', 'lint'] : [];
let pending = checkNames.length;
const checks = checkNames.map((name) => check(name).finally(() => (pending -= 1)));
const vitest = spawn('npx', ['vitest', 'run', ...vitestArgs], { stdio: 'inherit' });
const vitestPassed = await new Promise((resolve) => vitest.on('close', (code) => resolve(code === 0)));
if (pending > 0) console.log('\nVitest has ended; waiting for the type check and the lint…');
const passed = await Promise.all(checks);
const failed = [...(vitestPassed ? [] : ['vitest']), ...checkNames.filter((_, i) => !passed[i])];
if (failed.length > 0) {
  console.error(`\nnpm test failed: ${failed.join(', ')}`);
  process.exit(1);
}
