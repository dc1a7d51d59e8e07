/**
 * Diary sanitising off the event loop. Markup is first measured on the loop (one linear pass,
 * diary-shape.ts), then sanitised in a small piscina worker pool with a time budget: a task over
 * budget is refused (400 `invalid`) and its worker is terminated and replaced, so no diary can hold
 * the loop or a worker for long. A full queue answers 503 `unavailable`.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { AppError, invalid, unavailable } from '../../errors.js';
import { checkDiaryShape } from './diary-shape.js';
import type { SanitizedDiary } from './sanitize-diary.js';
import type { SanitizeTask } from './sanitize-worker.js';

export interface DiarySanitizerOptions {
  /** Longest one diary may take to sanitise; a realistic 190 KB diary takes ~0.4 s cold. */
  readonly budgetMs?: number;
  readonly threads?: number;
  /** Diaries waiting for a worker before new ones are refused. */
  readonly maxQueue?: number;
}

export interface DiarySanitizer {
  sanitize(input: string): Promise<SanitizedDiary>;
  close(): Promise<void>;
}

const workerFile = new URL(`./sanitize-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export function createDiarySanitizer(options: DiarySanitizerOptions = {}): DiarySanitizer {
  const budgetMs = options.budgetMs ?? 2_000;
  const threads = options.threads ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
  const pool = new Piscina<SanitizeTask, SanitizedDiary>({
    filename: workerFile.href,
    // Started on the first diary (a hub that never sees one pays nothing), ended after 30 s idle.
    minThreads: 0,
    maxThreads: threads,
    maxQueue: options.maxQueue ?? 32,
    idleTimeout: 30_000,
    // Run from TypeScript sources (npm start, tests): the workers need the same loader.
    ...(workerFile.pathname.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'))
      ? { execArgv: [...process.execArgv, '--import', 'tsx'] }
      : {}),
  });
  /**
   * The budget counts from when a worker starts the task (queueing and a fresh worker's start-up do
   * not count), so a recycled worker still loading is never killed for being slow to start.
   */
  const runWithBudget = (input: string): Promise<SanitizedDiary> => {
    const startedAt = new SharedArrayBuffer(8);
    const started = new Float64Array(startedAt);
    const abort = new AbortController();
    let timer: NodeJS.Timeout;
    const check = () => {
      const at = started[0]!;
      const left = at === 0 ? budgetMs : at + budgetMs - Date.now();
      if (left <= 0) abort.abort(new DOMException('over budget', 'TimeoutError'));
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, budgetMs);
    return pool.run({ input, startedAt }, { signal: abort.signal }).finally(() => clearTimeout(timer));
  };

  return {
    async sanitize(input) {
      checkDiaryShape(input);
      try {
        return await runWithBudget(input);
      } catch (err) {
        if (err instanceof AppError) throw err;
        const name = (err as Error | null)?.name;
        if (name === 'AbortError' || name === 'TimeoutError' || /aborted/i.test(String((err as Error | null)?.message))) {
          throw invalid('text: this markup is too complex to publish', { text: 'is too complex to sanitise' });
        }
        if (/queue is at limit/i.test(String((err as Error | null)?.message)))
          throw unavailable('too many diaries are being published; try again shortly');
        throw err;
      }
    },
    close: () => pool.destroy(),
  };
}
