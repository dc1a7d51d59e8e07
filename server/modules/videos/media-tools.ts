/**
 * ffprobe and ffmpeg as child processes: started with `execFile` (no shell, arguments as an array),
 * each with a wall-clock limit (killed with SIGKILL past it) and, through util-linux `prlimit`, an
 * address-space cap (`--as`, so a file that makes a decoder allocate wildly fails inside the child
 * instead of swapping the box) and a CPU-seconds cap. Where `prlimit` is missing the time limit
 * still holds and the start-up log says the memory cap is off. Only the `file` protocol is
 * allowed, so a playlist or reference inside a file cannot make ffmpeg read anything else.
 */
import { execFile } from 'node:child_process';
import type { Logger } from '../../logger.js';

export interface ToolLimits {
  /** Wall-clock milliseconds before the child is killed. */
  readonly timeoutMs: number;
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
}

function run(bin: string, args: readonly string[], limits: ToolLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { timeout: limits.timeoutMs, killSignal: 'SIGKILL', maxBuffer: limits.maxOutputBytes, encoding: 'buffer', windowsHide: true },
      (err, stdout) => {
        if (!err) return resolve(stdout);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new ToolError('missing', `${bin} was not found`));
        if (err.killed || err.signal === 'SIGKILL' || err.signal === 'SIGXCPU') return reject(new ToolError('timeout', `${bin} ran out of time`));
        reject(new ToolError('failed', `${bin} failed`));
      },
    );
  });
}

/** Whether `bin -version` runs. */
const runs = (bin: string) =>
  run(bin, ['-version'], { timeoutMs: 10_000, memoryBytes: 0, maxOutputBytes: 1 << 20 }).then(
    () => true,
    () => false,
  );

export function createMediaTools(paths: { ffmpeg: string; ffprobe: string }, logger: Logger): MediaTools {
  let checked: Promise<{ missing: string | null; prlimit: boolean }> | undefined;
  const check = () =>
    (checked ??= (async () => {
      const [ffmpeg, ffprobe, prlimit] = await Promise.all([runs(paths.ffmpeg), runs(paths.ffprobe), runs('prlimit')]);
      const absent = [ffmpeg ? null : paths.ffmpeg, ffprobe ? null : paths.ffprobe].filter(Boolean);
      const missing = absent.length ? `video is not available on this hub: ${absent.join(' and ')} not found (set FFMPEG_PATH/FFPROBE_PATH)` : null;
      if (missing) logger.warn({ ffmpeg: paths.ffmpeg, ffprobe: paths.ffprobe }, `${missing}; video uploads answer 415`);
      else if (!prlimit) logger.warn('prlimit not found: ffmpeg and ffprobe run with a time limit but no memory cap');
      return { missing, prlimit };
    })());

  const limited = async (bin: string, args: readonly string[], limits: ToolLimits) => {
    const { prlimit } = await check();
    if (!prlimit) return run(bin, args, limits);
    const cpuSeconds = Math.ceil(limits.timeoutMs / 1000) + 1;
    return run('prlimit', [`--as=${limits.memoryBytes}`, `--cpu=${cpuSeconds}`, '--', bin, ...args], limits);
  };

  return {
    unavailable: async () => (await check()).missing,
    ffprobe: (args, limits) => limited(paths.ffprobe, ['-v', 'error', '-threads', '1', '-protocol_whitelist', 'file', ...args], limits),
    ffmpeg: (args, limits) =>
      limited(paths.ffmpeg, ['-v', 'error', '-nostdin', '-hide_banner', '-threads', '1', '-filter_threads', '1', '-protocol_whitelist', 'file', ...args], limits),
  };
}
