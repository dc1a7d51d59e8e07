#!/usr/bin/env node
/**
 * Runs shell commands at once and fails if any fails: `npm test`'s checks (typecheck and lint are
 * each one process on one core, so on two cores they take the time of the longer, not the sum).
 * Each command's output is printed whole when it ends, so the two never interleave.
 *   node scripts/run-parallel.mjs "npm run typecheck" "npm run lint"
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const usage = `usage: node scripts/run-parallel.mjs "<command>" ["<command>" ...]

Runs the shell commands at once, prints each one's output whole when it ends, and exits 1 if any failed.

  -h, --help   this text`;

let parsed;
try {
  parsed = parseArgs({ options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true });
} catch (err) {
  process.stderr.write(`node scripts/run-parallel.mjs: ${err.message} (--help for usage)\n`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
const commands = parsed.positionals;
if (commands.length === 0) {
  process.stderr.write('node scripts/run-parallel.mjs: name at least one command (--help for usage)\n');
  process.exit(2);
}

const run = (command) =>
  new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      process.stdout.write(`\n$ ${command}\n${Buffer.concat(output).toString()}`);
      resolve(code === 0 ? 0 : 1); // killed by a signal: no code, a failure too
    });
  });

const codes = await Promise.all(commands.map(run));
const failed = commands.filter((_, i) => codes[i] !== 0);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
