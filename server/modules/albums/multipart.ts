/**
 * Streams one multipart file field to a temporary file, stopping at a byte limit, so an upload
 * never sits whole in memory. The request is always read to its end before answering, so clients
 * get the answer instead of a reset connection.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import busboy from 'busboy';
import { invalid, tooLarge, unsupportedMedia, type AppError } from '../../errors.js';

export interface ReceivedFile {
  readonly path: string;
  readonly bytes: number;
}

/** Reads `field` from a multipart request into a new file in `tmpDir`; the caller removes it. */
export async function receiveFile(req: Request, field: string, maxBytes: number, tmpDir: string): Promise<ReceivedFile> {
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12 } });
  } catch {
    req.resume();
    throw unsupportedMedia('send the photo as multipart/form-data');
  }
  await fs.mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, `${randomBytes(12).toString('hex')}.upload`);

  return new Promise<ReceivedFile>((resolve, reject) => {
    let failure: AppError | Error | undefined;
    let written: Promise<number> | undefined;
    let out: WriteStream | undefined;

    bb.on('file', (name, stream) => {
      if (name !== field || written) {
        stream.resume();
        return;
      }
      const file = createWriteStream(tmpPath, { flags: 'wx' });
      out = file;
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('limit', () => {
        failure ??= tooLarge(`the file is larger than ${maxBytes} bytes`);
        stream.unpipe(file);
        file.end();
        stream.resume(); // keep reading (and dropping) so the client can finish sending
      });
      written = new Promise<number>((done, fail) => {
        file.on('close', () => done(bytes));
        file.on('error', fail);
      });
      stream.pipe(file);
    });
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (failure && out && !out.closed) out.destroy();
      void (async () => {
        const bytes = written ? await written.catch((err: Error) => ((failure ??= err), 0)) : 0;
        if (failure || !written) {
          await fs.rm(tmpPath, { force: true });
          reject(failure ?? invalid('file: required', { file: 'send the photo in the field "file"' }));
          return;
        }
        resolve({ path: tmpPath, bytes });
      })();
    };
    bb.on('error', (err: Error) => {
      failure ??= invalid(`malformed upload: ${err.message}`);
      req.unpipe(bb);
      req.resume();
      settle();
    });
    bb.on('close', settle);
    // A client that goes away mid-upload: busboy never sees the end, so settle here.
    req.on('close', () => {
      if (req.complete) return;
      failure ??= invalid('the upload was aborted');
      settle();
    });
    req.pipe(bb);
  });
}

/**
 * Runs `use` with a `receive()` that reads `field` into a temporary file: the file is removed
 * afterwards whatever happened (a kept upload was moved away first), and on failure the rest of the
 * body is read and dropped, so the client gets the answer instead of a reset connection.
 */
export async function withUpload<T>(
  req: Request,
  { field, maxBytes, tmpDir }: { field: string; maxBytes: number; tmpDir: string },
  use: (receive: () => Promise<string>) => Promise<T>,
): Promise<T> {
  let file: string | undefined;
  try {
    return await use(async () => (file = (await receiveFile(req, field, maxBytes, tmpDir)).path));
  } catch (err) {
    req.resume();
    throw err;
  } finally {
    if (file) await fs.rm(file, { force: true });
  }
}
