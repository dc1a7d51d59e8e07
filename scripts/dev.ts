/**
 * `npm run dev`: the hub under `tsx watch` (restarts on server/ and shared/ changes) beside Vite's
 * dev server with hot module replacement, which proxies /api, /photos and the socket to the hub.
 * Open the URL Vite prints. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cli } from './cli-args.js';

cli(
  {
    command: 'npm run dev --',
    usage:
      "usage: npm run dev\n\nThe hub under tsx watch (restarts on server/ and shared/ changes) beside Vite's dev server with hot module\nreplacement. Open the URL Vite prints; the hub reads the usual environment variables. Ctrl-C stops both.",
    options: {},
  },
  () => undefined,
);

const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts', '--no-client-build'], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  }),
  spawn('npx', ['vite', '--config', 'client/vite.config.ts', '--host', process.env.HOST ?? '127.0.0.1'], {
    stdio: 'inherit',
  }),
];

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
