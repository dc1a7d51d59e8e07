#!/usr/bin/env node
// `npm test` set-up: the tests need redis-server (cluster tests start private ones) and Debian's
// chromium (browser tests). Install what is missing where we can; otherwise say what to install.
import { execFileSync, spawnSync } from 'node:child_process';

const needs = [
  { bin: 'redis-server', pkg: 'redis-server' },
  { bin: 'chromium', pkg: 'chromium' },
];

const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const missing = needs.filter((n) => !onPath(n.bin));
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((n) => n.pkg);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !onPath('apt-get')) {
  console.error(`npm test needs: ${pkgs.join(', ')} — install with: sudo apt-get install -y ${pkgs.join(' ')}`);
  process.exit(1);
}
console.log(`pretest: installing ${pkgs.join(', ')} from Debian…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
} catch {
  console.error(`npm test needs: ${pkgs.join(', ')} — apt-get failed; install with: apt-get install -y ${pkgs.join(' ')}`);
  process.exit(1);
}
const still = missing.filter((n) => !onPath(n.bin)).map((n) => n.pkg);
if (still.length) {
  console.error(`npm test needs: ${still.join(', ')} — still missing after apt-get`);
  process.exit(1);
}
