/** Logs are JSON lines when stdout is a pipe or file, human-readable (pino-pretty) on a terminal. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, createLogSink } from '../../server/logger.js';

const run = promisify(execFile);
const snippet = `import { createLogger } from './server/logger.ts'; createLogger('info', 'n1').info({ answer: 42 }, 'hello there');`;

describe('log output', () => {
  it('is one JSON object per line on a pipe', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', snippet]);
    const line = JSON.parse(stdout.trim());
    expect(line).toMatchObject({ level: 30, node: 'n1', answer: 42, msg: 'hello there' });
  });

  it.runIf(fs.existsSync('/usr/bin/script'))('is pretty on a terminal', async () => {
    // script(1) gives the child a pseudo-terminal as stdout.
    const command = `${process.execPath} --import tsx --input-type=module -e "${snippet.replaceAll('"', '\\"')}"`;
    const { stdout } = await run('/usr/bin/script', ['-qec', command, '/dev/null']);
    expect(stdout).toContain('hello there');
    expect(stdout).toMatch(/INFO/);
    expect(stdout).not.toContain('"msg":"hello there"');
  });

  it('drops lines instead of blocking once a stalled reader has let the backlog fill up', () => {
    const out = new PassThrough({ highWaterMark: 1024 }); // nobody reads it
    const sink = createLogSink(out, { maxBacklogBytes: 10_000 });
    const logger = createLogger('info', 'n1', sink);
    for (let i = 0; i < 1_000; i++) logger.info({ i, pad: 'x'.repeat(100) }, 'line');
    expect(sink.dropped).toBeGreaterThan(800);
    expect(out.writableLength).toBeLessThan(12_000);
  });

  it('drops everything after the output closed, and a flush never outlives its deadline', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const sink = createLogSink(out);
    const logger = createLogger('info', 'n1', sink);
    logger.info('before');
    const started = performance.now();
    await sink.flush(200); // the reader never reads: the deadline ends the wait
    expect(performance.now() - started).toBeLessThan(1_000);
    out.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await new Promise((r) => setImmediate(r));
    logger.info('after');
    expect(sink.dropped).toBe(1);
  });
});
