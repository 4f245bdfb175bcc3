/**
 * The crawler visits URLs that platforms filed: without a guard, a filed "store" at 127.0.0.1, 10.x or
 * 169.254.169.254 would have the gateway fetch its own network and keep the answer as evidence. With the
 * guard on, only public addresses are connected to: the check runs on the addresses the connection will
 * use (a lookup handed to the HTTP client), so a name that resolves differently the second time (DNS
 * rebinding) cannot slip through.
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const NOT_PUBLIC = new BlockList();
const V4: [string, number][] = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const V6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];
for (const [net, prefix] of V4) NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6) NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is a public one (IPv4-mapped IPv6 addresses are judged by their IPv4 part). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class AddressNotPublic extends Error {
  readonly code = 'EADDRNOTPUBLIC';
}

/** The host of a URL as an IP address when it is written as one ([::1] without brackets), else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) ? bare : null;
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails for a name with any address that is not public: for the HTTP client's connect. */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad)
      return callback(
        new AddressNotPublic(`${hostname} resolves to ${bad.address}, not a public address`),
        [],
      );
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(new Error(`${hostname} has no address`), []);
    callback(null, first.address, first.family);
  });
}

const cache = new Map<string, { ok: boolean; until: number }>();

/** Whether every address of a URL's host is public (cached for a minute): for requests a browser makes. */
export async function urlIsPublic(url: string): Promise<boolean> {
  let hostname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true; // data:, blob: stay in the page
    hostname = parsed.hostname;
  } catch {
    return false;
  }
  const literal = literalAddress(hostname);
  if (literal) return isPublicAddress(literal);
  const known = cache.get(hostname);
  if (known && known.until > Date.now()) return known.ok;
  const ok = await dns.promises
    .lookup(hostname, { all: true })
    .then((addresses) => addresses.every((a) => isPublicAddress(a.address)))
    .catch(() => false);
  if (cache.size > 10_000) cache.clear();
  cache.set(hostname, { ok, until: Date.now() + 60_000 });
  return ok;
}
