/**
 * Multipart uploads streamed by hand, as a hostile client sends them: a large body written as fast as
 * the hub takes it, or a slow one trickling a chunk at a time. Used by the upload-flood attack test
 * and `npm run bench -- uploads`.
 */
import http from 'node:http';

export interface UploadStreamOptions {
  readonly token: string;
  /** Bytes of file content to send (the multipart framing comes on top); Infinity: until stopped. */
  readonly totalBytes: number;
  /** Bytes per write (default 64 KiB). */
  readonly chunkBytes?: number;
  /** Pause between writes in ms; 0 (default): as fast as the hub reads. */
  readonly everyMs?: number;
  readonly filename?: string;
  readonly contentType?: string;
}

export interface UploadAnswer {
  /** The HTTP status, or 0 when the connection ended (or was stopped) unanswered. */
  readonly status: number;
  readonly code?: string;
}

export interface UploadStream {
  /** Settles once the hub answers or the connection ends; never rejects. */
  readonly answer: Promise<UploadAnswer>;
  /** Bytes of file content written so far. */
  sent(): number;
  /** Cuts the connection (a client going away mid-upload). */
  stop(): void;
}

const boundary = 'kjhostileboundary7d1f';

/** POSTs one multipart field `file` to `url`, streamed per `options`. */
export function streamUpload(url: string, options: UploadStreamOptions): UploadStream {
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 0x41);
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'transfer-encoding': 'chunked',
    },
  });
  let sent = 0;
  let ended = false;
  const answer = new Promise<UploadAnswer>((resolve) => {
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        ended = true;
        let code: string | undefined;
        try {
          code = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, ...(code ? { code } : {}) });
        req.destroy();
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', () => {
      ended = true;
      resolve({ status: 0 });
    });
    req.on('close', () => {
      ended = true;
      resolve({ status: 0 });
    });
  });
  const waitDrain = () =>
    new Promise<void>((resolve) => {
      const go = () => {
        req.off('drain', go);
        req.off('close', go);
        resolve();
      };
      req.on('drain', go);
      req.on('close', go);
    });
  void (async () => {
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${options.filename ?? 'clip.mp4'}"\r\ncontent-type: ${options.contentType ?? 'video/mp4'}\r\n\r\n`;
    req.write(head);
    while (!ended && !req.destroyed && sent < options.totalBytes) {
      const part = chunk.subarray(0, Math.min(chunk.length, options.totalBytes - sent));
      sent += part.length;
      if (!req.write(part)) await waitDrain();
      if (options.everyMs) await new Promise((resolve) => setTimeout(resolve, options.everyMs));
    }
    if (!ended && !req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
  })();
  return { answer, sent: () => sent, stop: () => req.destroy() };
}
