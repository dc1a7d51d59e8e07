/**
 * The built client as the hub serves it: the run's real Vite build (with the precompress plugin,
 * test/e2e/client-once.ts), served by static-client over real HTTP, read with node:http so bytes arrive undecoded.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControl, pickEncoding, staticClient } from '../../server/http/static-client.js';
import { builtClient } from '../e2e/client-once.js';

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

let base = '';
let clientDir = '';
let server: http.Server;

function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

beforeAll(async () => {
  // A copy of the run's one production build of the client (the browser tests use it too): the tests
  // below add files that must not be served, and must not add them to the browser tests' build.
  clientDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-static-'));
  await fs.cp(await builtClient(), clientDir, { recursive: true });
  const app = express();
  app.use(staticClient(clientDir));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await fs.rm(clientDir, { recursive: true, force: true });
});

describe('the client build', () => {
  it('writes no source map and a smaller brotli and gzip twin for every script and stylesheet', async () => {
    const files = await filesUnder(clientDir);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const bundles = files.filter((f) => /\.(js|css)$/.test(f) && f.startsWith('assets'));
    expect(bundles.length).toBeGreaterThan(1);
    for (const f of bundles) {
      const raw = await fs.readFile(path.join(clientDir, f));
      if (raw.length < 512) continue;
      const br = await fs.readFile(path.join(clientDir, `${f}.br`));
      const gz = await fs.readFile(path.join(clientDir, `${f}.gz`));
      expect(br.length).toBeLessThan(raw.length);
      expect(zlib.brotliDecompressSync(br).equals(raw)).toBe(true);
      expect(zlib.gunzipSync(gz).equals(raw)).toBe(true);
    }
  });
});

describe('serving the client', () => {
  const mainScript = async () => {
    const html = await fs.readFile(path.join(clientDir, 'index.html'), 'utf8');
    const src = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(src).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    return src!;
  };

  it('answers brotli to a browser that accepts it, with Vary and an immutable cache for a fingerprinted script', async () => {
    const src = await mainScript();
    const res = await get(src, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe(cacheControl.immutable);
    expect(res.headers['accept-ranges']).toBeUndefined();
    const raw = await fs.readFile(path.join(clientDir, src));
    expect(zlib.brotliDecompressSync(res.body).equals(raw)).toBe(true);
  });

  it('falls back to gzip when brotli is refused, and to the plain file when nothing is accepted', async () => {
    const src = await mainScript();
    const raw = await fs.readFile(path.join(clientDir, src));
    const gz = await get(src, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(raw)).toBe(true);
    const plain = await get(src, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.body.equals(raw)).toBe(true);
  });

  it('serves index.html for / and for app routes, never cached without revalidation', async () => {
    const indexHtml = await fs.readFile(path.join(clientDir, 'index.html'));
    for (const route of ['/', '/space/li_bai', '/games/abc']) {
      const res = await get(route, { Accept: 'text/html', 'Accept-Encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe(cacheControl.revalidate);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const body = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
      expect(body.equals(indexHtml)).toBe(true);
    }
  });

  it('revalidates with the ETag of the representation sent (304)', async () => {
    const src = await mainScript();
    const first = await get(src, { 'Accept-Encoding': 'br' });
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    const again = await get(src, { 'Accept-Encoding': 'br', 'If-None-Match': String(etag) });
    expect(again.status).toBe(304);
    const other = await get(src, { 'Accept-Encoding': 'gzip' });
    expect(other.headers['etag']).not.toBe(etag);
  });

  it('answers HEAD with the headers and no body', async () => {
    const src = await mainScript();
    const res = await get(src, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBe(0);
  });

  it('404s a missing asset, source maps, twins by name and paths outside the build, instead of index.html', async () => {
    const src = await mainScript();
    await fs.writeFile(path.join(clientDir, 'assets', 'leak.js.map'), '{"sources":["secret"]}');
    for (const p of ['/assets/gone-123.js', '/assets/leak.js.map', `${src}.map`, `${src}.br`]) {
      const res = await get(p, { Accept: 'text/html,*/*' });
      expect(res.status, p).toBe(404);
      expect(res.body.toString()).not.toContain('<kj-app>');
    }
    // Outside the build or hidden: never the file itself (an HTML navigation may still get the app).
    await fs.writeFile(path.join(clientDir, '.env'), 'SECRET=1');
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/.env']) {
      const res = await get(p, { Accept: '*/*' });
      expect(res.body.toString(), p).not.toMatch(/"name": "kongjian"|SECRET=1/);
    }
  });

  it('serves the unfingerprinted favicon with a short cache', async () => {
    const res = await get('/favicon.svg', { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe(cacheControl.short);
  });
});

describe('pickEncoding', () => {
  const both = new Set(['br', 'gzip', 'identity'] as const);
  it('prefers brotli, honours q=0 and *, and needs the twin on disk', () => {
    expect(pickEncoding('gzip, br', both)).toBe('br');
    expect(pickEncoding('br;q=0, gzip;q=0.5', both)).toBe('gzip');
    expect(pickEncoding('*', both)).toBe('br');
    expect(pickEncoding('*, br;q=0', both)).toBe('gzip');
    expect(pickEncoding('identity', both)).toBe('identity');
    expect(pickEncoding(undefined, both)).toBe('identity');
    expect(pickEncoding('br', new Set(['gzip', 'identity'] as const))).toBe('identity');
  });
});
