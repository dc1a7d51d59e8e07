/**
 * One event-loop delay sampler per process, shared by every hub it runs (tests run several): a
 * 10 ms timer whose lateness is the delay. Unlike `monitorEventLoopDelay`'s histogram, samples can
 * be fed one by one into cumulative Prometheus histograms.
 */
const intervalMs = 10;
const listeners = new Set<(seconds: number) => void>();
let timer: NodeJS.Timeout | undefined;
let last = 0;

function tick(): void {
  const now = performance.now();
  const late = Math.max(0, now - last - intervalMs) / 1000;
  last = now;
  for (const listen of listeners) listen(late);
}

/** Calls `listen` with each sample (seconds late); returns the function that stops it. */
export function observeLoopDelay(listen: (seconds: number) => void): () => void {
  listeners.add(listen);
  if (!timer) {
    last = performance.now();
    timer = setInterval(tick, intervalMs);
    timer.unref(); // never keeps a stopping process alive
  }
  return () => {
    listeners.delete(listen);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
