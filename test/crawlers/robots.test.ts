import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseRobots, ROBOTS_MAX_BYTES, robotsStateFor } from '../../crawlers/robots/robots.ts';

interface ConformanceCase {
  robotstxt: string;
  userAgent: string;
  url: string;
  allowed: boolean;
  note: string;
  googleSpecific: boolean;
}

/** Google's robots.txt test cases (Apache-2.0; see test/vectors/README.md). */
const cases = JSON.parse(
  readFileSync(new URL('../vectors/robots_cases.json', import.meta.url), 'utf8'),
) as ConformanceCase[];

/**
 * Cases where Google's answer contradicts RFC 9309: we assert the RFC's (decision 0006). Each names
 * the URL and Google's answer, so a changed data file fails below instead of flipping silently.
 */
const RFC_OVER_GOOGLE = new Map<number, { url: string; google: boolean; why: string }>([
  [63, { url: 'http://foo.bar/foo/bar/ツ', google: false, why: '§2.2.2: a raw ツ in the URI is %E3%83%84' }],
  [65, { url: 'http://foo.bar/foo/bar/ツ', google: false, why: '§2.2.2: a raw ツ in the URI is %E3%83%84' }],
  [66, { url: 'http://foo.bar/foo/bar/baz', google: false, why: '§2.2.2: %62%61%7A is unreserved, so baz' }],
  [78, { url: 'http://foo.com/allowed-slash/', google: true, why: '§2.2.2: only Disallow: / matches' }],
]);

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text);

const conformanceRows = cases.map((c, index) => {
  const deviation = RFC_OVER_GOOGLE.get(index);
  return {
    ...c,
    expected: deviation ? !c.allowed : c.allowed,
    name:
      `#${index} ${c.note} | ${c.userAgent || '(no agent)'} ${short(c.url) || '(no url)'}` +
      (deviation ? ` [RFC 9309 over Google: ${deviation.why}]` : ''),
  };
});

describe("Google's robotstxt conformance cases", () => {
  test('the data file holds all 145 cases', () => {
    expect(cases).toHaveLength(145);
  });

  test.each([...RFC_OVER_GOOGLE])('case #%i is in the file with the answer Google gives', (index, entry) => {
    expect(cases[index]?.url).toBe(entry.url);
    expect(cases[index]?.allowed).toBe(entry.google);
  });

  // '%s' rather than '$name': vitest cuts $-interpolated values at 40 characters.
  test.each(conformanceRows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const { robotstxt, userAgent, url, expected } = row;
    expect(parseRobots(robotstxt).isAllowed(url, userAgent), `robots.txt:\n${short(robotstxt)}`).toBe(
      expected,
    );
  });
});

const TOKEN = 'marketgate-verifier';

describe('parseRobots', () => {
  test('matches the product token case-insensitively, ignoring a version on either side', () => {
    const rules = parseRobots(
      'User-agent: *\nDisallow: /\n\nUser-agent: MarketGate-Verifier/2.0\nDisallow: /x\n',
    );
    expect(rules.isAllowed('https://shop.example/a', `${TOKEN}/1.4`)).toBe(true);
    expect(rules.isAllowed('https://shop.example/x', `${TOKEN}/1.4`)).toBe(false);
  });

  test('does not match a token by prefix: marketgate is not marketgate-verifier', () => {
    const rules = parseRobots(`User-agent: ${TOKEN}\nAllow: /\n\nUser-agent: *\nDisallow: /\n`);
    expect(rules.isAllowed('/a', 'marketgate')).toBe(false);
  });

  test('always allows /robots.txt', () => {
    expect(
      parseRobots('User-agent: *\nDisallow: /\n').isAllowed('https://shop.example/robots.txt', TOKEN),
    ).toBe(true);
  });

  test.each([
    ['\r\n', 'CRLF'],
    ['\r', 'CR'],
    ['\n', 'LF'],
  ])('reads %j line endings (%s)', (eol) => {
    const rules = parseRobots(['User-agent: *', 'Disallow: /a', 'Allow: /a/b'].join(eol));
    expect(rules.isAllowed('/a/x', TOKEN)).toBe(false);
    expect(rules.isAllowed('/a/b', TOKEN)).toBe(true);
  });

  test('ignores a UTF-8 byte order mark, as bytes or as a string', () => {
    const text = 'User-agent: *\nDisallow: /\n';
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(parseRobots(withBom).isAllowed('/a', TOKEN)).toBe(false);
    expect(parseRobots(`\uFEFF${text}`).isAllowed('/a', TOKEN)).toBe(false);
  });

  test.each([
    ['/%7euser/', '/~user/page', false, '%7E is the unreserved ~'],
    ['/foo/ツ', '/foo/%e3%83%84', false, 'lower-case hex equals upper-case'],
    ['/a%2Fb', '/a/b', true, '%2F is reserved and stays distinct from /'],
    ['/price-%24', '/price-$', false, '%24 names a literal $ (§2.2.3)'],
    ['/star%2A', '/star*', false, '%2A names a literal * (§2.2.3)'],
    ['/my page', '/my%20page', false, 'a space is percent-encoded'],
  ])('Disallow: %s against %s: allowed=%s (%s)', (rule, path, allowed) => {
    expect(parseRobots(`User-agent: *\nDisallow: ${rule}\n`).isAllowed(path, TOKEN)).toBe(allowed);
  });

  test('compares a rule written in Latin-1 by its bytes, not by a replacement character', () => {
    const body = Buffer.concat([Buffer.from('User-agent: *\nDisallow: /caf'), Buffer.from([0xe9, 0x0a])]);
    expect(parseRobots(body).isAllowed('/caf%E9', TOKEN)).toBe(false);
    expect(parseRobots(body).isAllowed('/café', TOKEN)).toBe(true);
  });

  test('a pattern built to make a regular expression backtrack is matched in linear passes', () => {
    const rules = parseRobots(`User-agent: *\nDisallow: /${'*a'.repeat(300)}b\n`);
    expect(rules.isAllowed(`/${'a'.repeat(10_000)}`, TOKEN)).toBe(true);
  });

  test('parses binary garbage without throwing, and rules after it still apply', () => {
    const garbage = Buffer.alloc(64 * 1024);
    let seed = 42; // a fixed linear congruential sequence: the same bytes on every run
    for (let i = 0; i < garbage.length; i++) garbage[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    expect(parseRobots(garbage).isAllowed('/a', TOKEN)).toBe(true); // no user-agent line, so no rules
    const mixed = Buffer.concat([garbage, Buffer.from('\nUser-agent: *\nDisallow: /after-garbage\n')]);
    expect(parseRobots(mixed).isAllowed('/after-garbage', TOKEN)).toBe(false);
  });
});

describe('ROBOTS_MAX_BYTES', () => {
  const head = 'User-agent: *\nDisallow: /\n';

  test('is at least the 500 KiB RFC 9309 §2.5 requires', () => {
    expect(ROBOTS_MAX_BYTES).toBeGreaterThanOrEqual(500 * 1024);
  });

  test('rules past the limit are ignored', () => {
    const filler = `# ${'x'.repeat(97)}\n`.repeat(Math.ceil(ROBOTS_MAX_BYTES / 100));
    const body = Buffer.from(`${head}${filler}Allow: /late\n`);
    expect(body.length).toBeGreaterThan(ROBOTS_MAX_BYTES);
    expect(parseRobots(body).isAllowed('/late', TOKEN)).toBe(false);
    expect(parseRobots(`${head}Allow: /late\n`).isAllowed('/late', TOKEN)).toBe(true);
  });

  test('a line cut by the limit is dropped, not read as a shorter rule', () => {
    // 'Allow: /public-area' starts 11 bytes before the limit: kept, it would read 'Allow: /pub'.
    const padding = `${'#'.repeat(ROBOTS_MAX_BYTES - head.length - 12)}\n`;
    const body = Buffer.from(`${head}${padding}Allow: /public-area\n`);
    expect(parseRobots(body).isAllowed('/pub', TOKEN)).toBe(false);
    expect(parseRobots(body).isAllowed('/public-area', TOKEN)).toBe(false);
  });

  test('a body that ends with a complete line exactly at the limit is read whole', () => {
    const rule = 'Allow: /public-area\n';
    const body = Buffer.from(
      `${head}${'#'.repeat(ROBOTS_MAX_BYTES - head.length - rule.length - 1)}\n${rule}`,
    );
    expect(body.length).toBe(ROBOTS_MAX_BYTES);
    expect(parseRobots(body).isAllowed('/public-area', TOKEN)).toBe(true);
  });
});

describe('crawlDelay', () => {
  test.each([
    ['1', 1],
    ['0.5', 0.5],
    ['abc', undefined],
    ['-3', undefined],
    ['', undefined],
    ['100000', 60],
  ])('Crawl-delay: %j reads as %s', (value, seconds) => {
    expect(parseRobots(`User-agent: ${TOKEN}\nCrawl-delay: ${value}\n`).crawlDelay(`${TOKEN}/1.0`)).toBe(
      seconds,
    );
  });

  test("comes from the group that applies: a specific group without one does not inherit '*'", () => {
    const rules = parseRobots(`User-agent: *\nCrawl-delay: 5\n\nUser-agent: ${TOKEN}\nDisallow: /x\n`);
    expect(rules.crawlDelay(TOKEN)).toBeUndefined();
    expect(rules.crawlDelay('otherbot')).toBe(5);
  });

  test('is absent when robots.txt says nothing', () => {
    expect(parseRobots('User-agent: *\nDisallow: /x\n').crawlDelay(TOKEN)).toBeUndefined();
  });
});

describe('robotsStateFor', () => {
  const body = Buffer.from('User-agent: *\nDisallow: /private\n');

  test('200 gives the rules of the body', () => {
    const state = robotsStateFor({ status: 200, body });
    expect(state.kind).toBe('rules');
    if (state.kind !== 'rules') return;
    expect(state.rules.isAllowed('/private/a', TOKEN)).toBe(false);
    expect(state.rules.isAllowed('/public', TOKEN)).toBe(true);
  });

  test.each([401, 403, 404, 410])('%i ("unavailable", RFC 9309 §2.3.1.3) allows everything', (status) => {
    expect(robotsStateFor({ status, body })).toEqual({ kind: 'allow_all' });
  });

  test('a 3xx that reaches it (the fetcher gave up on the redirects) allows everything', () => {
    expect(robotsStateFor({ status: 301, body })).toEqual({ kind: 'allow_all' });
  });

  test.each([429, 500, 502, 503])('%i means do not crawl now', (status) => {
    expect(robotsStateFor({ status, body })).toEqual({ kind: 'unavailable' });
  });

  test('a network error means do not crawl now', () => {
    expect(robotsStateFor({ error: new Error('connect ECONNREFUSED 127.0.0.1:9') })).toEqual({
      kind: 'unavailable',
    });
  });
});
