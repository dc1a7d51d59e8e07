/**
 * A small child process that starts ffprobe and ffmpeg for the hub (see media-tools.ts). Starting a
 * process copies the parent's page tables, which takes time in proportion to its memory: from a
 * 1 GB hub that was 350–800 ms of a stalled event loop per video on a busy box. Started once, a
 * plain node process of a few tens of MB does it instead and the hub's loop never waits. Its code is
 * plain JavaScript run with `node -e`, so it needs no loader and no file, however the hub was started.
 */

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

/** The host's program: runs each `ToolRequest` with `execFile` (no shell) and answers a `ToolReply`. */
export const toolHostSource = `
const { execFile } = require('node:child_process');
process.on('message', (request) => {
  const reply = (r) => process.send && process.send({ id: request.id, ...r });
  execFile(request.bin, request.args, {
    timeout: request.timeoutMs, killSignal: 'SIGKILL', maxBuffer: request.maxOutputBytes, encoding: 'buffer', windowsHide: true,
  }, (err, stdout) => {
    if (!err) return reply({ stdout });
    if (err.code === 'ENOENT') return reply({ failure: 'missing' });
    reply({ failure: err.killed || err.signal === 'SIGKILL' || err.signal === 'SIGXCPU' ? 'timeout' : 'failed' });
  });
});
process.on('disconnect', () => process.exit(0));
`;
