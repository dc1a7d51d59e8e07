/** The sanitiser pool's worker: sanitises one diary off the event loop (see diary-sanitizer.ts). */
import { sanitizeDiary, type SanitizedDiary } from './sanitize-diary.js';

export interface SanitizeTask {
  readonly input: string;
  /** One Float64 the worker sets to `Date.now()` as it starts, so the budget excludes queueing and start-up. */
  readonly startedAt: SharedArrayBuffer;
}

export default function sanitize({ input, startedAt }: SanitizeTask): SanitizedDiary {
  new Float64Array(startedAt)[0] = Date.now();
  return sanitizeDiary(input);
}
