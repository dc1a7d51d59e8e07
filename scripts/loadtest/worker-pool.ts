/**
 * The generator's workers: threads by default; processes when one process could not hold its
 * share of sockets (each process has its own open-file limit, `ulimit -n`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MainToWorker, WorkerToMain } from './protocol.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export type WorkerMode = 'thread' | 'process';

export interface WorkerHandle {
  readonly id: number;
  post(m: MainToWorker): void;
  onMessage(listener: (m: WorkerToMain) => void): void;
  stop(): Promise<void>;
}

function threadWorker(id: number): WorkerHandle {
  const entry = pathToFileURL(path.join(here, 'worker.ts')).href;
  const w = new Worker(path.join(here, 'worker-boot.mjs'), { workerData: { entry } });
  w.on('error', (err) => process.stderr.write(`loadtest worker ${id} failed: ${err.stack ?? err.message}\n`));
  return {
    id,
    post: (m) => w.postMessage(m),
    onMessage: (l) => w.on('message', l),
    stop: async () => {
      await w.terminate();
    },
  };
}

function processWorker(id: number): WorkerHandle {
  const child: ChildProcess = fork(path.join(here, 'worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    id,
    post: (m) => child.send(m),
    onMessage: (l) => child.on('message', (m) => l(m as WorkerToMain)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function startWorkers(count: number, mode: WorkerMode): WorkerHandle[] {
  return Array.from({ length: count }, (_, id) => (mode === 'thread' ? threadWorker(id) : processWorker(id)));
}

/** Resolves with the first message of `type` from every worker. */
export function fromEach<T extends WorkerToMain['type']>(
  workers: readonly WorkerHandle[],
  type: T,
  timeoutMs: number,
): Promise<Array<Extract<WorkerToMain, { type: T }>>> {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<Extract<WorkerToMain, { type: T }>>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`worker ${w.id} sent no ${type} within ${timeoutMs} ms`)), timeoutMs);
          let done = false;
          w.onMessage((m) => {
            if (done || m.type !== type) return;
            done = true;
            clearTimeout(timer);
            resolve(m as Extract<WorkerToMain, { type: T }>);
          });
        }),
    ),
  );
}
