/**
 * robots.txt for the crawler (RFC 9309). Written here rather than wrapping robots-parser: see
 * docs/decisions/0006-robots-txt.md for what that library missed and why a wrapper could not mend it.
 */
import { compilePattern, matchablePath, patternMatches, type PathPattern } from './patterns.ts';

/** Parsed rules of one robots.txt. */
export interface RobotsRules {
  /** RFC 9309 matching for the given product token (e.g. 'marketgate-verifier'); `url` absolute or a path. */
  isAllowed(url: string, productToken: string): boolean;
  /** Crawl-delay in seconds for the group that applies to the token, if any (non-standard, widely used); undefined when absent or unparseable; clamp to a sane maximum (e.g. 60 s). */
  crawlDelay(productToken: string): number | undefined;
}

/** What the result of fetching /robots.txt means for crawling the host (RFC 9309 §2.3.1.2-2.3.1.4). */
export type RobotsState =
  | { kind: 'rules'; rules: RobotsRules }
  | { kind: 'allow_all' } // 4xx ("unavailable"): crawl as if no robots.txt
  | { kind: 'unavailable' }; // 5xx or network error ("unreachable"): do not crawl now

/** Largest robots.txt body that is parsed (RFC 9309 §2.5: at least 500 KiB); bytes beyond are ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/**
 * Bytes of one line that are read; the rest of the line is ignored. Servers refuse URLs long before
 * this (8 KiB request lines are a common default), so a longer rule names no page anyone can fetch,
 * and cutting it off keeps one runaway line from costing a full-body scan per pattern.
 */
const MAX_LINE_BYTES = 16 * 1024;

/** A Crawl-delay above this is read as this: a site asking for an hour between pages gets a minute. */
const MAX_CRAWL_DELAY_SECONDS = 60;

interface Rule {
  allow: boolean;
  pattern: PathPattern;
}

/** The merged rules of every group naming one product token (RFC 9309 §2.2.1). */
interface Group {
  rules: Rule[];
  crawlDelay: number | undefined;
}

const UTF8_BOM = '\xEF\xBB\xBF';

/** RFC 9309 §2.2: only space and tab are white space; bytes ≥ 0x80 may be part of a UTF-8 rule. */
function trimBlanks(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Splits `key: value`, comment removed. A missing colon is forgiven when the line is exactly two words. */
function splitDirective(rawLine: string): [key: string, value: string] | undefined {
  const hash = rawLine.indexOf('#');
  const line = trimBlanks(hash >= 0 ? rawLine.slice(0, hash) : rawLine);
  if (line === '') return undefined;
  const colon = line.indexOf(':');
  if (colon >= 0) return [trimBlanks(line.slice(0, colon)).toLowerCase(), trimBlanks(line.slice(colon + 1))];
  const words = line.split(/[ \t]+/);
  return words.length === 2 ? [words[0]!.toLowerCase(), words[1]!] : undefined;
}

/**
 * RFC 9309 §2.2.1: a product token is letters, '_' and '-'. 'User-agent: FooBot/2.1 (+url)' names
 * 'foobot'; a line naming no token still opens or joins a group, one that applies to nobody.
 */
function agentToken(value: string): string | undefined {
  if (/^\*(?:[ \t]|$)/.test(value)) return '*';
  return /^[A-Za-z_-]+/.exec(value)?.[0].toLowerCase();
}

/** Decimal seconds only: '-3', 'abc', '1e9' and '' are unparseable, not zero. */
function parseCrawlDelay(value: string): number | undefined {
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(value)) return undefined;
  return Math.min(Number(value), MAX_CRAWL_DELAY_SECONDS);
}

/** The body as an octet string (one char per byte), cut at ROBOTS_MAX_BYTES and stripped of a BOM. */
function readOctets(body: string | Buffer): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let octets = bytes.subarray(0, ROBOTS_MAX_BYTES).toString('latin1');
  // A line cut at the limit could turn 'Allow: /public-api' into 'Allow: /p', so it is dropped. A body
  // of exactly the limit may already have been cut by the fetcher, so it counts as cut too.
  const next = bytes[ROBOTS_MAX_BYTES];
  if (bytes.length >= ROBOTS_MAX_BYTES && next !== 0x0a && next !== 0x0d) {
    octets = octets.slice(0, Math.max(octets.lastIndexOf('\n'), octets.lastIndexOf('\r')) + 1);
  }
  return octets.startsWith(UTF8_BOM) ? octets.slice(UTF8_BOM.length) : octets;
}

/**
 * RFC 9309 §2.1-2.2: a group is one or more user-agent lines followed by its rules; lines other than
 * user-agent, allow, disallow and crawl-delay (sitemap, unknown ones, blank lines) neither open nor
 * close a group, and rules before the first user-agent line belong to nobody.
 */
function parseGroups(octets: string): Map<string, Group> {
  const groups = new Map<string, Group>();
  let current: Group[] = [];
  let collectingAgents = false;
  for (const rawLine of octets.split(/\r\n|\r|\n/)) {
    const directive = splitDirective(rawLine.slice(0, MAX_LINE_BYTES));
    if (!directive) continue;
    const [key, value] = directive;
    if (key === 'user-agent') {
      if (!collectingAgents) current = [];
      collectingAgents = true;
      const token = agentToken(value);
      if (token === undefined) continue;
      // Groups naming the same token are merged (§2.2.1); the same token twice in one group adds nothing.
      let group = groups.get(token);
      if (!group) groups.set(token, (group = { rules: [], crawlDelay: undefined }));
      if (!current.includes(group)) current.push(group);
    } else if (key === 'allow' || key === 'disallow' || key === 'crawl-delay') {
      collectingAgents = false;
      if (key === 'crawl-delay') {
        const delay = parseCrawlDelay(value);
        // Merged groups may disagree; the longest delay is the one that offends nobody.
        if (delay !== undefined) for (const g of current) g.crawlDelay = Math.max(g.crawlDelay ?? 0, delay);
      } else if (value !== '') {
        // 'Disallow:' with no path is the classic "allow everything": it matches nothing.
        const rule: Rule = { allow: key === 'allow', pattern: compilePattern(value) };
        for (const g of current) g.rules.push(rule);
      }
    }
  }
  return groups;
}

/** The part of a User-Agent before '/', e.g. 'marketgate-verifier' of 'marketgate-verifier/1.0'. */
function productTokenOf(userAgent: string): string {
  return userAgent.split('/')[0]!.trim().toLowerCase();
}

class ParsedRobots implements RobotsRules {
  constructor(private readonly groups: Map<string, Group>) {}

  /** RFC 9309 §2.2.1: the group naming the token, else the '*' group, else no rules at all. */
  private groupFor(productToken: string): Group | undefined {
    const token = productTokenOf(productToken);
    return (token !== '' && token !== '*' ? this.groups.get(token) : undefined) ?? this.groups.get('*');
  }

  isAllowed(url: string, productToken: string): boolean {
    const path = matchablePath(url);
    if (path.split('?')[0] === '/robots.txt') return true; // §2.2.2: implicitly allowed
    let best: Rule | undefined;
    for (const rule of this.groupFor(productToken)?.rules ?? []) {
      if (!patternMatches(rule.pattern, path)) continue;
      const longer = !best || rule.pattern.specificity > best.pattern.specificity;
      // §2.2.2: the longest match wins; between an equally long allow and disallow, allow.
      const tieToAllow = best && rule.pattern.specificity === best.pattern.specificity && rule.allow;
      if (longer || tieToAllow) best = rule;
    }
    return best?.allow ?? true;
  }

  crawlDelay(productToken: string): number | undefined {
    return this.groupFor(productToken)?.crawlDelay;
  }
}

export function parseRobots(body: string | Buffer): RobotsRules {
  return new ParsedRobots(parseGroups(readOctets(body)));
}

/**
 * `outcome` is the final response: following up to five redirects (RFC 9309 §2.3.1.2) is the fetcher's
 * job, so a 3xx arriving here is a chain it gave up on, which §2.3.1.2 lets us treat as unavailable.
 */
export function robotsStateFor(outcome: { status: number; body: Buffer } | { error: unknown }): RobotsState {
  if ('error' in outcome) return { kind: 'unavailable' }; // §2.3.1.4: network error = unreachable
  const { status } = outcome;
  if (status >= 200 && status < 300) return { kind: 'rules', rules: parseRobots(outcome.body) };
  // 429 is a 4xx, but it asks us to back off, not to crawl freely; §2.3.1.3 allows but does not require it.
  if (status === 429) return { kind: 'unavailable' };
  if (status >= 300 && status < 500) return { kind: 'allow_all' }; // §2.3.1.3: unavailable = no rules
  return { kind: 'unavailable' }; // §2.3.1.4: 5xx, and any status we cannot read, means not now
}
