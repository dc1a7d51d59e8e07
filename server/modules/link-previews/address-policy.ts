/**
 * Which addresses a link preview may connect to: public unicast ones only (ipaddr.js's `unicast`
 * range: not loopback, private, link-local, unique-local, carrier-grade NAT, multicast, reserved,
 * documentation, 6to4/Teredo/NAT64 wrappers …), IPv4-mapped IPv6 judged as the IPv4 address it
 * carries, plus whatever `LINK_PREVIEW_ALLOW` admits. Spellings are never judged: only the address
 * the resolver or the URL parser produced (which has turned `2130706433` and `0177.0.0.1` into 127.0.0.1).
 */
import ipaddr from 'ipaddr.js';

export type AddressPolicy = (address: string) => boolean;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function normalised(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

function rangeOf(entry: string): Range {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const address = normalised(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

function inRange(ip: ipaddr.IPv4 | ipaddr.IPv6, [net, bits]: Range): boolean {
  if (ip.kind() !== net.kind()) return false;
  return ip.kind() === 'ipv4' ? (ip as ipaddr.IPv4).match(net as ipaddr.IPv4, bits) : (ip as ipaddr.IPv6).match(net as ipaddr.IPv6, bits);
}

export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const allowed = allow.map(rangeOf);
  return (address) => {
    if (!ipaddr.isValid(address)) return false;
    const ip = normalised(address);
    if (allowed.some((range) => inRange(ip, range))) return true;
    return ip.range() === 'unicast';
  };
}
