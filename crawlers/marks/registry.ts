import fs from 'node:fs';
import type { IssuerEntry } from './types.ts';

/**
 * The issuers the crawler recognises. The defaults (issuers.json) are the marks stores in China carry
 * today; an operator adds issuers with a JSON file of the same shape (MARKETGATE_MARK_ISSUERS_FILE), no
 * code change. Later entries with the same id replace earlier ones.
 */
export function defaultIssuers(): IssuerEntry[] {
  return JSON.parse(fs.readFileSync(new URL('./issuers.json', import.meta.url), 'utf8')) as IssuerEntry[];
}

export function mergeIssuers(...lists: IssuerEntry[][]): IssuerEntry[] {
  const byId = new Map<string, IssuerEntry>();
  for (const list of lists) for (const entry of list) byId.set(entry.id, entry);
  return [...byId.values()];
}

/** Reads and checks an issuers file; throws with the entry and field that is wrong. */
export function readIssuersFile(file: string): IssuerEntry[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of issuers`);
  parsed.forEach((entry: Partial<IssuerEntry>, i) => {
    const where = `${file}: issuer ${i}`;
    if (typeof entry?.id !== 'string' || !entry.id) throw new Error(`${where}: id must be a string`);
    if (!Array.isArray(entry.hosts) || entry.hosts.length === 0)
      throw new Error(`${where}: hosts must list at least one host`);
    if (!Array.isArray(entry.claims)) throw new Error(`${where}: claims must be an array`);
    if (!entry.confirm || !['status_endpoint', 'signature', 'none'].includes(entry.confirm.kind)) {
      throw new Error(`${where}: confirm.kind must be status_endpoint, signature or none`);
    }
    if (entry.id_from?.path) new RegExp(entry.id_from.path);
  });
  return parsed as IssuerEntry[];
}

/** True when `host` ('name' or 'name:port') is one of the patterns: exact, or '*.domain' for subdomains. */
export function hostMatches(host: string, patterns: string[]): boolean {
  const bare = host.replace(/:\d+$/, '');
  return patterns.some((pattern) => {
    if (pattern.startsWith('*.')) {
      const domain = pattern.slice(2);
      return bare === domain || bare.endsWith(`.${domain}`);
    }
    return pattern.includes(':') ? host === pattern : bare === pattern;
  });
}

/**
 * True when `host` imitates one of the issuer's domains without being it: the domain's name appears in
 * it (kxwz.knet.cn.verify-seal.com, knet-cn.com, knetcn.net) but it is not the domain or under it.
 */
export function imitates(host: string, patterns: string[]): boolean {
  if (hostMatches(host, patterns)) return false;
  const bare = host.replace(/:\d+$/, '').toLowerCase();
  return patterns.some((pattern) => {
    const domain = pattern.replace(/^\*\./, '').replace(/:\d+$/, '').toLowerCase();
    if (/^[\d.]+$/.test(domain)) return false; // an IP address has nothing to imitate
    const name = domain.split('.')[0]!;
    return (
      bare.includes(domain) ||
      (name.length >= 4 &&
        bare.split(/[.-]/).some((label) => label === name || label === domain.replace(/\./g, '')))
    );
  });
}
