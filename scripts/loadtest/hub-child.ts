/**
 * One hub node as the load tester runs it: what `npm start` does (config from the environment,
 * then `startHub`), minus building the web client, plus an IPC channel that reports the node's
 * ports, memory and event-loop delay to the load tester every second.
 */
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, constants, monitorEventLoopDelay } from 'node:perf_hooks';
import { startHub } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

export type HubChildMessage =
  | { readonly type: 'ready'; readonly url: string; readonly realtimeUrl: string; readonly pid: number }
  | {
      readonly type: 'stats';
      readonly at: number;
      readonly memory: NodeJS.MemoryUsage;
      readonly eventLoop: EventLoopStats;
      readonly sockets: number;
      /** The hub process's CPU time (user + kernel, all threads) since the previous stats, in ms. */
      readonly cpuMs: number;
      readonly gc: GcStats;
    }
  | { readonly type: 'memory'; readonly memory: NodeJS.MemoryUsage }
  /** CPU time the hub process used so far (microseconds): read from the hub, not estimated. */
  | { readonly type: 'cpu'; readonly cpu: NodeJS.CpuUsage };

export type HubChildCommand = { readonly type: 'gc' } | { readonly type: 'cpu' } | { readonly type: 'stop' };

/** The garbage collector's pauses since the previous stats (V8's `gc` performance entries). */
export interface GcStats {
  readonly pauses: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** Of the total, full (mark-compact) collections. */
  readonly majorMs: number;
}

export interface EventLoopStats {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const send = (m: HubChildMessage): void => {
  process.send?.(m);
};

const config = loadConfig();
const hub = await startHub(config, { clientDir: path.join(os.tmpdir(), 'kj-loadtest-no-client') });
send({ type: 'ready', url: hub.url, realtimeUrl: hub.realtimeUrl, pid: process.pid });

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
// What a slow second was: a collector's pause, the hub's own work, or a hub not given the CPU.
let gc = { pauses: 0, totalMs: 0, maxMs: 0, majorMs: 0 };
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    gc.pauses++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorMs += entry.duration;
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
let cpuBefore = process.cpuUsage();
const timer = setInterval(() => {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const eventLoop = { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) };
  delay.reset();
  const cpu = process.cpuUsage(cpuBefore);
  cpuBefore = process.cpuUsage();
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const round = (x: number) => Math.round(x * 10) / 10;
  const gcStats = { pauses: gc.pauses, totalMs: round(gc.totalMs), maxMs: round(gc.maxMs), majorMs: round(gc.majorMs) };
  gc = { pauses: 0, totalMs: 0, maxMs: 0, majorMs: 0 };
  hub.health().then(
    (h) => send({ type: 'stats', at: Date.now(), memory: process.memoryUsage(), eventLoop, sockets: h.sockets, cpuMs, gc: gcStats }),
    () => undefined,
  );
}, 1_000);
timer.unref();

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  gcObserver.disconnect();
  hub.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('message', (cmd: HubChildCommand) => {
  if (cmd.type === 'gc') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    send({ type: 'memory', memory: process.memoryUsage() });
  } else if (cmd.type === 'cpu') {
    send({ type: 'cpu', cpu: process.cpuUsage() });
  } else if (cmd.type === 'stop') stop();
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The load tester going away must not leave a hub behind.
process.on('disconnect', stop);
