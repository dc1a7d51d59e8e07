/**
 * Source addresses of the generator's connections. On loopback, sockets and requests are spread over
 * 127.0.0.1 … 127.0.0.N (≈28 k ephemeral ports each, and separate per-address rate-limit budgets);
 * towards any other host (and [::1]) the kernel picks the source address, since a 127.0.0.x source
 * cannot reach it.
 */

/**
 * Whether a URL names this machine's IPv4 loopback (127.x.x.x or localhost), which 127.0.0.x sources
 * reach. IPv6 loopback ([::1]) is not: an IPv4 source cannot connect to it (EINVAL).
 */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** How many source addresses to use towards these URLs: `wanted` when all are loopback, else 0 (none bound). */
export function sourceIpsFor(urls: readonly string[], wanted: number): number {
  return urls.length > 0 && urls.every(isLoopbackUrl) ? wanted : 0;
}

/** The source address of connection `i`, or undefined to let the kernel choose. */
export function sourceAddress(sourceIps: number, i: number): string | undefined {
  return sourceIps > 0 ? `127.0.0.${1 + (i % sourceIps)}` : undefined;
}
