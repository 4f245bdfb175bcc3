import net from 'node:net';

/**
 * The client's address behind reverse proxies (MARKETGATE_TRUSTED_PROXIES, issue 22). A request's peer
 * is the client unless the peer is a trusted proxy; then X-Forwarded-For is read from its right end
 * (the hop the trusted proxy saw), skipping every further trusted proxy, and the first address that is
 * not one is the client. Nobody else's header is read: anyone can send X-Forwarded-For, and a header
 * believed from anyone would let a client take any address it likes past the rate limits and into the
 * audit log. An entry that is not an address ends the walk at the proxy that forwarded it.
 */
export type ClientAddressOf = (peer: string | undefined, forwardedFor: string | undefined) => string;

/** Resolves client addresses with `trusted` (addresses and CIDRs, as config.ts checked them). */
export function clientAddressOf(trusted: readonly string[]): ClientAddressOf {
  if (trusted.length === 0) return (peer) => bare(peer) ?? 'unknown';
  const isTrusted = addressMatcher(trusted);
  return (peer, forwardedFor) => {
    let client = bare(peer);
    if (client === undefined) return 'unknown';
    if (!forwardedFor) return client;
    const hops = forwardedFor.split(',');
    for (let i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
      const hop = bare(hops[i]!.trim());
      if (hop === undefined) break;
      client = hop;
    }
    return client;
  };
}

/** Whether an address is one of `entries` (addresses and CIDRs); never for what is not an address. */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const plain = bare(address);
    return plain !== undefined && list.check(plain, net.isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * An address as it is compared and counted: IPv4 mapped into IPv6 (what a dual-stack socket reports)
 * as IPv4, an IPv6 zone dropped; undefined for what is not an address.
 */
function bare(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1]! : address.split('%')[0]!;
  return net.isIP(plain) ? plain : undefined;
}
