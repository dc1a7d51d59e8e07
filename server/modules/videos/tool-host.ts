/**
 * A small child process that starts ffprobe and ffmpeg for the hub (see media-tools.ts). Starting a
 * process copies the parent's page tables, which takes time in proportion to its memory: from a
 * 1 GB hub that was 350–800 ms of a stalled event loop per video on a busy box. Started once from
 * here, a process of a few tens of MB, the hub's loop never waits for it. Only node builtins: it
 * runs as TypeScript (tests, `npm start`) and compiled alike.
 */
import { execFile } from 'node:child_process';

export interface ToolRequest {
  readonly id: number;
  readonly bin: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
}

export interface ToolReply {
  readonly id: number;
  readonly stdout?: Buffer;
  /** Set when the tool did not succeed: `missing` (not found), `timeout` (killed), `failed`. */
  readonly failure?: 'missing' | 'timeout' | 'failed';
}

process.on('message', (request: ToolRequest) => {
  const reply = (r: Omit<ToolReply, 'id'>) => process.send?.({ id: request.id, ...r } satisfies ToolReply);
  execFile(
    request.bin,
    request.args,
    { timeout: request.timeoutMs, killSignal: 'SIGKILL', maxBuffer: request.maxOutputBytes, encoding: 'buffer', windowsHide: true },
    (err, stdout) => {
      if (!err) return reply({ stdout });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reply({ failure: 'missing' });
      reply({ failure: err.killed || err.signal === 'SIGKILL' || err.signal === 'SIGXCPU' ? 'timeout' : 'failed' });
    },
  );
});
// The hub went away: so does this.
process.on('disconnect', () => process.exit(0));
