/**
 * Serves the built web client (dist/client): precompressed twins (`.br`, `.gz`, written at build time by
 * client/vite-precompress.ts) chosen by Accept-Encoding with `Vary: Accept-Encoding`; fingerprinted
 * files under /assets/ cached for a year as immutable; index.html never cached without revalidation (it
 * names the current fingerprints); source maps never served. Unknown GET paths that want HTML get
 * index.html, so history-API routes (/space/li_bai) load the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

export type Encoding = 'br' | 'gzip' | 'identity';

const suffix: Readonly<Record<Exclude<Encoding, 'identity'>, string>> = { br: '.br', gzip: '.gz' };

/**
 * The best encoding the client accepts among those we have on disk: brotli, then gzip, else identity.
 * Honors q-values (`br;q=0` refuses brotli) and `*`.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: ReadonlySet<Encoding>): Encoding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  for (const encoding of ['br', 'gzip'] as const) if (available.has(encoding) && accepts(encoding)) return encoding;
  return 'identity';
}

export const cacheControl = {
  /** Names carry a content hash: a changed file is a new URL. */
  immutable: 'public, max-age=31536000, immutable',
  /** index.html: always revalidate (cheap with the ETag) so a deploy is seen at once. */
  revalidate: 'no-cache',
  /** public/ files without a hash (favicon): a short cache. */
  short: 'public, max-age=3600',
} as const;

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` a URL path names, or null when it escapes root, is hidden, or is not served. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const rel = path.relative(root, file);
  if (rel.split(path.sep).some((segment) => segment.startsWith('.'))) return null;
  // Never publish source maps, nor hand out the twins by their own names.
  if (/\.(?:map|br|gz)$/i.test(file)) return null;
  return file;
}

function sendEncoded(req: Request, res: Response, file: string, cache: string, next: (err?: unknown) => void): void {
  const available = new Set<Encoding>(['identity']);
  for (const [encoding, ext] of Object.entries(suffix) as [Exclude<Encoding, 'identity'>, string][]) {
    if (isFile(file + ext)) available.add(encoding);
  }
  const encoding = pickEncoding(req.get('accept-encoding'), available);
  // Caches must key on Accept-Encoding whenever another encoding exists for this URL.
  if (available.size > 1) res.vary('Accept-Encoding');
  res.setHeader('Cache-Control', cache);
  // Content-Type from the original name, not from `.br`/`.gz` (send() keeps a type already set).
  res.type(path.extname(file) || 'application/octet-stream');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.sendFile(
    encoding === 'identity' ? file : file + suffix[encoding],
    {
      cacheControl: false,
      dotfiles: 'deny',
      // Byte ranges of a compressed representation confuse more clients than they help.
      acceptRanges: encoding === 'identity',
    },
    (err) => {
      if (err && !res.headersSent) next(err);
    },
  );
}

/** The client's static files and the index.html fallback, as one router mounted after /api. */
export function staticClient(clientDir: string): Router {
  const root = path.resolve(clientDir);
  const indexFile = path.join(root, 'index.html');
  const router = express.Router();

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/api/') || req.path.startsWith('/socket.io/')) return next();
    const file = req.path === '/' ? null : resolveInside(root, req.path);
    if (file && file !== indexFile && isFile(file)) {
      const hashed = req.path.startsWith('/assets/');
      return sendEncoded(req, res, file, hashed ? cacheControl.immutable : cacheControl.short, next);
    }
    // A missing fingerprinted asset is a 404, never index.html (a stale tab would parse HTML as JS).
    if (req.path.startsWith('/assets/') || /\.(?:map|js|css)$/i.test(req.path)) return next();
    if (!req.accepts('html') || !isFile(indexFile)) return next();
    return sendEncoded(req, res, indexFile, cacheControl.revalidate, next);
  });
  return router;
}
