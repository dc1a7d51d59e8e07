/** Raw HTTP requests for attacks: bodies sent declared (Content-Length) or chunked, answers read as soon as they come. */
import http from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/**
 * POSTs `body` to `url` in 64 KiB chunks; `chunked` leaves Content-Length out. Resolves with the
 * answer as soon as it arrives, even when the server answers before reading the whole body.
 */
export function rawPost(
  url: string,
  body: string,
  options: { chunked?: boolean; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const bytes = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(options.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(bytes.length) }),
        ...options.headers,
      },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as RawAnswer['body']) : {} });
        req.destroy();
      });
      res.on('error', reject);
    });
    // Once answered, the server may close the connection before taking the rest of the body.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    void (async () => {
      for (let at = 0; at < bytes.length && !answered && !req.destroyed; at += 64 * 1024) {
        if (!req.write(bytes.subarray(at, at + 64 * 1024))) {
          await new Promise<void>((r) => {
            const go = () => {
              req.off('drain', go);
              req.off('close', go);
              r();
            };
            req.on('drain', go);
            req.on('close', go);
          });
        }
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

/** 1 MB of nested brackets: valid JSON, ~108 ms of `JSON.parse` plus whatever walks it. */
export const nestedBrackets = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
