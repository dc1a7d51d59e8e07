/**
 * A GET driven by user input, hardened against server-side request forgery:
 * - http(s) only, no credentials in the URL;
 * - the host is resolved here, and every address it resolves to must pass the address policy
 *   (public unicast, or LINK_PREVIEW_ALLOW) before anything connects;
 * - the connection goes to the checked address itself (the request's `lookup` returns it), so a
 *   second, different DNS answer cannot slip in between check and connect (no rebinding window);
 * - redirects are followed by hand, at most `maxRedirects`, each new URL checked the same way;
 * - one deadline covers everything (DNS, connect, redirects, a body trickling in), and the body is
 *   cut off past `maxBytes`, whatever Content-Length claimed;
 * - the content type must pass `accept` before the body is read.
 * No connection is reused (`agent: false`): each hop is its own checked connection.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

export class FetchRefused extends Error {}

export interface PublicFetchOptions {
  readonly policy: AddressPolicy;
  readonly accept: (contentType: string) => boolean;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly signal: AbortSignal;
}

export interface Fetched {
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** The checked address to connect to for `url`; refuses any host with a non-public address. */
async function checkedAddress(url: URL, policy: AddressPolicy): Promise<{ address: string; family: number }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(`not http(s): ${url.protocol}`);
  if (url.username || url.password) throw new FetchRefused('credentials in the URL');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const found = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  if (!found.length) throw new FetchRefused('no address');
  const refused = found.find((a) => !policy(a.address));
  if (refused) throw new FetchRefused(`not a public address: ${refused.address}`);
  return found[0]!;
}

/** One request to `url`, connected to `pinned` (never resolved again). */
function requestOnce(url: URL, pinned: { address: string; family: number }, signal: AbortSignal): Promise<http.IncomingMessage> {
  const pinnedLookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      agent: false,
      lookup: pinnedLookup,
      signal,
      headers: { accept: 'text/html,image/*;q=0.8', 'user-agent': 'KongjianLinkPreview/1.0', 'accept-encoding': 'identity' },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** The body, refused past `maxBytes` (whatever Content-Length said). */
function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(new FetchRefused(`larger than ${maxBytes} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new FetchRefused(`larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () => resolve(Buffer.concat(chunks)));
    res.once('error', reject);
    res.once('close', () => reject(new FetchRefused('cut off')));
  });
}

export async function publicFetch(start: string, o: PublicFetchOptions): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(start);
  } catch {
    throw new FetchRefused('not a URL');
  }
  for (let hop = 0; ; hop += 1) {
    const pinned = await checkedAddress(url, o.policy);
    o.signal.throwIfAborted();
    const res = await requestOnce(url, pinned, o.signal);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.destroy();
      if (hop >= o.maxRedirects) throw new FetchRefused('too many redirects');
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status !== 200) {
      res.destroy();
      throw new FetchRefused(`status ${status}`);
    }
    const contentType = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!o.accept(contentType)) {
      res.destroy();
      throw new FetchRefused(`content type ${contentType || 'missing'}`);
    }
    return { url: url.href, contentType, body: await readCapped(res, o.maxBytes) };
  }
}
