/**
 * Reads a JSON request body for one endpoint, within that endpoint's size limit and a nesting-depth
 * limit, both enforced while the bytes arrive: a declared Content-Length over the limit is refused
 * before a byte is read, a longer body is cut off at the limit, and a body nesting deeper than
 * `maxJsonDepth` is refused at the bracket that goes too deep, before `JSON.parse` runs. So no
 * request costs more than its endpoint's limit in reading and one linear scan; `JSON.parse` only sees
 * bodies that passed both.
 *
 * Why not `express.json` for every /api route: it parsed up to 1 MB of any body before the
 * endpoint, its caller or any budget was known; 1 MB of nested brackets cost ~108 ms of the main
 * thread (issue #26).
 */
import type { Request } from 'express';
import { invalid, tooLarge, unsupportedMedia } from '../errors.js';

/** What an endpoint accepts unless it declares more (a sign-in is a few hundred bytes). */
export const defaultBodyLimit = 16 * 1024;

/** Deepest nesting of arrays and objects any endpoint accepts (the deepest real body nests 3). */
export const maxJsonDepth = 32;

const openers = new Set([0x5b, 0x7b]); // [ {
const closers = new Set([0x5d, 0x7d]); // ] }

/**
 * Tracks nesting depth across chunks. Brackets, quotes and backslashes are ASCII, which never occurs
 * inside a multi-byte UTF-8 sequence, so scanning bytes is exact whatever the chunk boundaries.
 */
export function createDepthScanner(maxDepth: number): (chunk: Uint8Array) => boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i += 1) {
      const b = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === 0x5c) escaped = true;
        else if (b === 0x22) inString = false;
      } else if (b === 0x22) inString = true;
      else if (openers.has(b)) {
        depth += 1;
        if (depth > maxDepth) return false;
      } else if (closers.has(b)) depth -= 1;
    }
    return true;
  };
}

const overLimit = (limit: number) => tooLarge(`the body is larger than this endpoint accepts (${limit} bytes)`);
const tooDeep = () => invalid(`the body nests deeper than ${maxJsonDepth} levels`);

function isJson(req: Request): boolean {
  const type = req.get('content-type');
  if (!type) return false;
  const [media = ''] = type.split(';');
  const m = media.trim().toLowerCase();
  return m === 'application/json' || (m.startsWith('application/') && m.endsWith('+json'));
}

function checkEncoding(req: Request): void {
  const encoding = (req.get('content-encoding') ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw unsupportedMedia('unsupported body encoding');
  const charset = /charset=([^;]+)/i
    .exec(req.get('content-type') ?? '')?.[1]
    ?.trim()
    .replace(/"/g, '')
    .toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw unsupportedMedia('unsupported body encoding');
}

/** The request's bytes, refused as soon as they pass `limit` or nest too deep; the rest is never read. */
function readBounded(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const scan = createDepthScanner(maxJsonDepth);
    const stop = (err: Error) => {
      cleanup();
      // The answer goes out now; the unread rest of the body would otherwise be drained first.
      req.unpipe?.();
      req.pause();
      req.res?.setHeader('Connection', 'close');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(overLimit(limit));
      if (!scan(chunk)) return stop(tooDeep());
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onAborted = () => {
      cleanup();
      reject(invalid('the request was aborted'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    function cleanup() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onError);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  });
}

/**
 * Sets `req.body` to the parsed JSON body (an object or array), or leaves it undefined when the
 * request has no JSON body, as `express.json` did. Throws `too_large` (413), `invalid` (400, not
 * JSON or too deep) or `unsupported_media` (415).
 */
export async function readJsonBody(req: Request, limit: number): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD' || !isJson(req)) return;
  const declared = Number(req.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.res?.setHeader('Connection', 'close');
    throw overLimit(limit);
  }
  checkEncoding(req);
  const raw = await readBounded(req, limit);
  if (raw.length === 0) {
    req.body = {};
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalid('the body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object') throw invalid('the body is not valid JSON');
  req.body = parsed;
}
