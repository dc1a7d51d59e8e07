/**
 * Link previews as a hardened fetch (contract v1.2). A real page served on loopback is refused by
 * default and previewed when LINK_PREVIEW_ALLOW admits 127.0.0.1 (its og:image re-encoded and served
 * by the hub); redirects to private addresses, slow-loris and 50 MB pages, non-HTML, IPv6 loopback
 * and unique-local, IPv4-mapped and decimal/octal spellings of 127.0.0.1 give no preview.
 */
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { createAddressPolicy } from '../../../server/modules/link-previews/address-policy.js';
import { createLinkPreviews, linkPreviewLimits } from '../../../server/modules/link-previews/service.js';
import { connectSocket, engines, expectNoEvent, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';

let server: http.Server;
let base: string;
let port: number;
let dataDir: string;
const logger = createLogger('silent', 'test');

const page = (title: string) =>
  `<!doctype html><html><head><title>fallback</title><meta property="og:title" content="${title}">` +
  `<meta property="og:description" content="Fresh noodles &amp; tea"><meta property="og:image" content="/image.png"></head><body>hi</body></html>`;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-previews-'));
  const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c03' } })
    .png()
    .toBuffer();
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    switch (url.pathname) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Noodle House'));
        return;
      case '/image.png':
        res.writeHead(200, { 'content-type': 'image/png' }).end(png);
        return;
      case '/redirect':
        res.writeHead(302, { location: to ?? '/page' }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/slow': {
        // Headers at once, then a byte now and then: never done.
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('<'), 200);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
          if (sent >= 50 * 1024 * 1024) res.end();
        };
        res.on('drain', pump);
        pump();
        return;
      }
      case '/json':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"no"}');
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fs.rm(dataDir, { recursive: true, force: true });
});

const previews = (allow: readonly string[]) => createLinkPreviews({ enabled: true, allow, dataDir }, logger);

describe('link previews', () => {
  it('refuses a page on loopback by default, and previews it when LINK_PREVIEW_ALLOW admits 127.0.0.1', async () => {
    expect(await previews([]).preview(`${base}/page`)).toBeNull();
    const got = await previews(['127.0.0.1']).preview(`${base}/page`);
    expect(got).toMatchObject({ url: `${base}/page`, title: 'Noodle House', description: 'Fresh noodles & tea' });
    // The image is the hub's own re-encoded copy, never the remote URL.
    expect(got?.image).toMatch(/^\/link-previews\/[0-9a-f]{64}\.webp$/);
    const stored = await sharp(path.join(dataDir, got!.image!.slice(1))).metadata();
    expect(stored).toMatchObject({ format: 'webp', width: 600, height: 400 });
  });

  it('follows a redirect to an allowed page, but not to a private address or IPv6 loopback, nor more than 3', async () => {
    const allowed = previews(['127.0.0.1/32']);
    expect(await allowed.preview(`${base}/redirect?to=/page`)).toMatchObject({ title: 'Noodle House' });
    for (const to of ['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/page`]) {
      expect(await allowed.preview(`${base}/redirect?to=${encodeURIComponent(to)}`), to).toBeNull();
    }
    expect(await allowed.preview(`${base}/loop`)).toBeNull();
  });

  it('gives up on a slow-loris page within the 5 s budget, and on a 50 MB page at 1 MB', async () => {
    const allowed = previews(['127.0.0.1']);
    let started = Date.now();
    expect(await allowed.preview(`${base}/slow`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(linkPreviewLimits.totalMs + 1_500);
    started = Date.now();
    expect(await allowed.preview(`${base}/huge`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(linkPreviewLimits.totalMs);
  }, 15_000);

  it('refuses non-HTML, and every private spelling of an address even when the port is served', async () => {
    const allowed = previews(['127.0.0.1']);
    expect(await allowed.preview(`${base}/json`)).toBeNull();
    const strict = previews([]);
    for (const host of [
      '[::1]',
      '[fc00::1]',
      '[::ffff:127.0.0.1]',
      '2130706433',
      '0177.0.0.1',
      '0x7f.1',
      '127.1',
      'localhost',
      '[fe80::1]',
    ]) {
      expect(await strict.preview(`http://${host}:${port}/page`), host).toBeNull();
    }
    expect(await strict.preview('ftp://example.com/')).toBeNull();
    expect(await strict.preview(`http://user:pw@127.0.0.1:${port}/page`)).toBeNull();
  });

  it('judges addresses, not spellings: public unicast only, IPv4-mapped as IPv4, ranges admitted by CIDR', () => {
    const policy = createAddressPolicy(['10.1.0.0/16', 'fd00::1']);
    const verdicts = Object.fromEntries(
      [
        '8.8.8.8',
        '2001:4860:4860::8888',
        '127.0.0.1',
        '::1',
        '::ffff:127.0.0.1',
        '::ffff:8.8.8.8',
        'fc00::1',
        '10.0.0.1',
        '10.1.2.3',
        'fd00::1',
        '169.254.169.254',
        '100.64.0.1',
        '0.0.0.0',
        '64:ff9b::7f00:1',
        'nonsense',
      ].map((a) => [a, policy(a)]),
    );
    expect(verdicts).toEqual({
      '8.8.8.8': true,
      '2001:4860:4860::8888': true,
      '127.0.0.1': false,
      '::1': false,
      '::ffff:127.0.0.1': false,
      '::ffff:8.8.8.8': true,
      'fc00::1': false,
      '10.0.0.1': false,
      '10.1.2.3': true,
      'fd00::1': true,
      '169.254.169.254': false,
      '100.64.0.1': false,
      '0.0.0.0': false,
      '64:ff9b::7f00:1': false,
      nonsense: false,
    });
  });
});

describe.each(engines)('a post with a link, on a hub that admits loopback pages, on %s', (engine) => {
  const hub = useTestHub({ engine, env: { LINK_PREVIEW_ALLOW: '127.0.0.1' } });

  it('is acknowledged at once without a preview; the preview follows live to a friend, and its image is served by the hub', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    await makeFriends(alice, bob);
    const bobSocket = await connectSocket(hub, bob.token);
    const made = await alice.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: `lunch? ${base}/page and ${base}/json`, privacy: 'friends' },
    });
    expect(made.status).toBe(201);
    expect(made.body.post.preview).toBeUndefined();
    const { postId, preview } = await nextEvent(bobSocket, 'post:preview', (p) => p.postId === made.body.post.id);
    expect(postId).toBe(made.body.post.id);
    expect(preview).toMatchObject({ url: `${base}/page`, title: 'Noodle House', description: 'Fresh noodles & tea' });
    expect((await bob.api.call('GET /posts/:id', { params: { id: postId } })).post.preview).toEqual(preview);
    const image = await fetch(`${hub.url}${preview.image}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await fetch(`${hub.url}/link-previews/..%2Fsecret.webp`)).status).toBe(404);

    // A link that gives no preview leaves the post as it was.
    const plain = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: `data: ${base}/json`, privacy: 'friends' } });
    expect(plain.status).toBe(201);
    await expectNoEvent(bobSocket, 'post:preview', (p) => p.postId === plain.body.post.id);
    expect((await bob.api.call('GET /posts/:id', { params: { id: plain.body.post.id } })).post.preview).toBeUndefined();
  });
});
