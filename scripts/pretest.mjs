#!/usr/bin/env node
// `npm test` set-up: the tests need redis-server (cluster tests start private ones), Debian's
// chromium (browser tests), fonts with Han characters and emoji (so browser screenshots show
// Chinese and emoji, not empty boxes) and ffmpeg (videos are probed with ffprobe and cut with ffmpeg).
// Install what is missing where we can; otherwise say what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const usage = `usage: node scripts/pretest.mjs [--check]

npm test's set-up, run before Vitest: makes sure redis-server, Debian's chromium, CJK and colour-emoji
fonts and ffmpeg are installed, installing the missing ones with apt-get when run as root.

  --check      only say what is missing (exit 1 if anything is), install nothing
  -h, --help   this text`;

// Plain Node (it runs before anything else), so node:util's parser, in the shared parser's words.
let args;
try {
  args = parseArgs({
    options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  }).values;
} catch (err) {
  process.stderr.write(`node scripts/pretest.mjs: ${err.message} (--help for usage)\n`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
/** A Debian package is installed (fonts have no binary to look for); off Debian we cannot tell, so assume so. */
const installed = (pkg) =>
  !onPath('dpkg-query') ||
  (spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false);

const needs = [
  { pkg: 'redis-server', present: () => onPath('redis-server') },
  { pkg: 'chromium', present: () => onPath('chromium') },
  { pkg: 'fonts-noto-cjk', present: () => installed('fonts-noto-cjk') },
  { pkg: 'fonts-noto-color-emoji', present: () => installed('fonts-noto-color-emoji') },
  { pkg: 'ffmpeg', present: () => onPath('ffmpeg') && onPath('ffprobe') },
];

const missing = needs.filter((n) => !n.present());
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((n) => n.pkg);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (args.check || !isRoot || !onPath('apt-get')) {
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
const still = missing.filter((n) => !n.present()).map((n) => n.pkg);
if (still.length) {
  console.error(`npm test needs: ${still.join(', ')} — still missing after apt-get`);
  process.exit(1);
}
