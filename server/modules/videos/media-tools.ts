/**
 * ffprobe and ffmpeg as child processes, started by a small helper process (tool-host.ts) rather
 * than the hub itself, with `execFile` (no shell, arguments as an array), each with a wall-clock
 * limit (killed with SIGKILL past it) and, through util-linux `prlimit`, an address-space cap (`--as`, so a file that makes a decoder allocate wildly fails inside the child
 * instead of swapping the box) and a CPU-seconds cap. Where `prlimit` is missing the time limit
 * still holds and the start-up log says the memory cap is off. Only the `file` protocol is
 * allowed, so a playlist or reference inside a file cannot make ffmpeg read anything else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../../logger.js';
import { toolHostSource, type ToolReply, type ToolRequest } from './tool-host.js';

export interface ToolLimits {
  /** Wall-clock milliseconds before the child is killed (generous: a busy box stretches wall time). */
  readonly timeoutMs: number;
  /** CPU seconds the child may use (prlimit `--cpu`): what bounds a file made to keep a decoder busy. */
  readonly cpuSeconds: number;
  /** Bytes of address space the child may map. */
  readonly memoryBytes: number;
  /** Largest stdout kept (a poster frame as PNG, or ffprobe's JSON). */
  readonly maxOutputBytes: number;
}

export type ToolFailure = 'missing' | 'timeout' | 'failed';

export class ToolError extends Error {
  constructor(
    readonly failure: ToolFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface MediaTools {
  /** Why videos cannot be handled on this hub (a binary is missing), or null when they can. */
  readonly unavailable: () => Promise<string | null>;
  ffprobe(args: readonly string[], limits: ToolLimits): Promise<Buffer>;
  ffmpeg(args: readonly string[], limits: ToolLimits): Promise<Buffer>;
  /** Stops the tool host (the hub is closing). */
  close(): void;
}

type Run = (bin: string, args: readonly string[], limits: ToolLimits) => Promise<Buffer>;

/**
 * Runs tools through one tool-host child (started on first use, again if it dies), so the hub never
 * forks itself. Each call also has its own deadline here, in case the host stops answering.
 */
function createHost(): { run: Run; close: () => void } {
  let child: ChildProcess | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  // The host keeps the process alive only while it has work: idle, it never holds a closing hub open.
  const settled = (id: number) => {
    pending.delete(id);
    if (pending.size === 0) child?.channel?.unref();
  };
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const host = () => {
    if (child) return child;
    const started = spawn(process.execPath, ['-e', toolHostSource], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    started.on('message', (reply: ToolReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      settled(reply.id);
      if (reply.failure)
        waiting.reject(
          new ToolError(
            reply.failure,
            `the tool ${reply.failure === 'missing' ? 'was not found' : reply.failure === 'timeout' ? 'ran out of time' : 'failed'}`,
          ),
        );
      else waiting.resolve(Buffer.from(reply.stdout ?? []));
    });
    started.on('exit', () => {
      if (child === started) child = null;
      failAll(new ToolError('failed', 'the tool host stopped'));
    });
    started.on('error', () => undefined); // 'exit' follows and fails what was waiting
    started.unref();
    started.channel?.unref();
    return (child = started);
  };
  const run: Run = (bin, args, limits) =>
    new Promise<Buffer>((resolve, reject) => {
      const id = ++nextId;
      const deadline = setTimeout(() => {
        if (!pending.has(id)) return;
        settled(id);
        reject(new ToolError('timeout', `${bin} ran out of time`));
      }, limits.timeoutMs + 15_000);
      deadline.unref();
      pending.set(id, {
        resolve: (b) => (clearTimeout(deadline), resolve(b)),
        reject: (e) => (clearTimeout(deadline), reject(e)),
      });
      const request: ToolRequest = { id, bin, args, timeoutMs: limits.timeoutMs, maxOutputBytes: limits.maxOutputBytes };
      const to = host();
      to.channel?.ref();
      to.send(request);
    });
  return {
    run,
    close: () => {
      child?.kill();
      child = null;
    },
  };
}

/** Whether `bin` exists: only "not found" says no (a check slowed down by a busy box is not a missing tool). */
const runs = (run: Run, bin: string, versionFlag = '-version') =>
  run(bin, [versionFlag], { timeoutMs: 30_000, cpuSeconds: 0, memoryBytes: 0, maxOutputBytes: 1 << 20 }).then(
    () => true,
    (err: unknown) => !(err instanceof ToolError && err.failure === 'missing'),
  );

export function createMediaTools(paths: { ffmpeg: string; ffprobe: string }, logger: Logger): MediaTools {
  const { run, close } = createHost();
  let checked: Promise<{ missing: string | null; prlimit: boolean }> | undefined;
  const check = () =>
    (checked ??= (async () => {
      const [ffmpeg, ffprobe, prlimit] = await Promise.all([
        runs(run, paths.ffmpeg),
        runs(run, paths.ffprobe),
        runs(run, 'prlimit', '--version'),
      ]);
      const absent = [ffmpeg ? null : paths.ffmpeg, ffprobe ? null : paths.ffprobe].filter(Boolean);
      const missing = absent.length
        ? `video is not available on this hub: ${absent.join(' and ')} not found (set FFMPEG_PATH/FFPROBE_PATH)`
        : null;
      if (missing) logger.warn({ ffmpeg: paths.ffmpeg, ffprobe: paths.ffprobe }, `${missing}; video uploads answer 415`);
      else if (!prlimit) logger.warn('prlimit not found: ffmpeg and ffprobe run with a time limit but no memory cap');
      return { missing, prlimit };
    })());

  const limited = async (bin: string, args: readonly string[], limits: ToolLimits) => {
    const { prlimit } = await check();
    if (!prlimit) return run(bin, args, limits);
    return run('prlimit', [`--as=${limits.memoryBytes}`, `--cpu=${limits.cpuSeconds}`, '--', bin, ...args], limits);
  };

  return {
    close,
    unavailable: async () => (await check()).missing,
    ffprobe: (args, limits) => limited(paths.ffprobe, ['-v', 'error', '-threads', '1', '-protocol_whitelist', 'file', ...args], limits),
    ffmpeg: (args, limits) =>
      limited(
        paths.ffmpeg,
        ['-v', 'error', '-nostdin', '-hide_banner', '-threads', '1', '-filter_threads', '1', '-protocol_whitelist', 'file', ...args],
        limits,
      ),
  };
}
