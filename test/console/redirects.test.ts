import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localPath, signFormToken } from '../../src/console/security.ts';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * Open redirects: the language switch's `back` and the login's `next` lead only to paths on this site,
 * judged by parsing them as URLs, never by their prefix (browsers drop tabs and newlines and read a
 * backslash as a slash). The browser side is in browser.test.ts.
 */
const HOSTILE = [
  '//evil.example',
  '//evil.example/path',
  '///evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/a/..//evil.example',
  '/%2e/%2e//evil.example',
  '/./\\evil.example',
  'https://evil.example',
  'http:evil.example',
  'HTTPS://evil.example/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '',
  '/\u0000/evil.example',
  '/\u000b/evil.example',
  '/\u007f/evil.example',
  '/\u0085/evil.example',
  `/${'a'.repeat(600)}`,
];

describe('localPath', () => {
  test.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('refuses %s', (_shown, value) => {
    expect(localPath(value, '/home')).toBe('/home');
  });

  test.each([
    ['/', '/'],
    ['/console/complaints?status=open', '/console/complaints?status=open'],
    ['/complaints/track', '/complaints/track'],
    // Percent-encoded tabs and slashes stay encoded: a path on this site, not a way off it.
    ['/%09/evil.example', '/%09/evil.example'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    // Normalised: dot segments resolved, the fragment dropped, Unicode percent-encoded.
    ['/a/./b/../c?x=1#frag', '/a/c?x=1'],
    ['/信用?q=杭州', '/%E4%BF%A1%E7%94%A8?q=%E6%9D%AD%E5%B7%9E'],
    ['/\uff0f\uff0fevil.example', '/%EF%BC%8F%EF%BC%8Fevil.example'],
    ['/\u2028/x', '/%E2%80%A8/x'],
    ['/?next=//evil.example', '/?next=//evil.example'],
  ])('takes %s as %s', (value, path) => {
    expect(localPath(value, '/home')).toBe(path);
  });

  test('what it gives back never leaves the site, however a browser reads it', () => {
    const inputs = [...HOSTILE, '/%09/evil.example', '/\uff0f\uff0fevil.example', '/a/./b'];
    for (const value of inputs) {
      const path = localPath(value, '/');
      expect(path.startsWith('/') && !path.startsWith('//'), JSON.stringify(value)).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(path, JSON.stringify(value)).not.toMatch(/[\u0000-\u0020\u007f\\]/);
      // WHATWG URL parsing is what browsers do: the path resolves on the page's own origin.
      expect(new URL(path, 'https://gateway.example').origin, JSON.stringify(value)).toBe(
        'https://gateway.example',
      );
    }
  });
});

describe('over HTTP', () => {
  let t: TestGateway;
  beforeAll(() => {
    t = testGateway();
  });
  afterAll(() => t.close());

  test.each(HOSTILE.filter((v) => v !== '').map((v) => [JSON.stringify(v), v]))(
    'the language switch sends %s home',
    async (_shown, value) => {
      const res = await t.app.request(`/lang?to=en&back=${encodeURIComponent(value)}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    },
  );

  test('the language switch goes back to a path on this site', async () => {
    const res = await t.app.request(`/lang?to=en&back=${encodeURIComponent('/complaints/track?x=1')}`);
    expect(res.headers.get('location')).toBe('/complaints/track?x=1');
    const encoded = await t.app.request('/lang?to=en&back=%2F%2509%2Fevil.example');
    expect(encoded.headers.get('location')).toBe('/%09/evil.example');
  });

  test("the login page's next, and where a login leads, stay on this site", async () => {
    for (const value of ['/\t/evil.example', '//evil.example', '/\\evil.example', '/.//evil.example']) {
      const page = await (await t.app.request(`/console/login?next=${encodeURIComponent(value)}`)).text();
      expect(page, JSON.stringify(value)).toContain('name="next" value="/console"');
      const res = await t.app.request('/console/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _form: signFormToken(t.gw.keys, 'login'),
          name: t.regulator.name,
          password: t.regulator.password,
          next: value,
        }).toString(),
      });
      expect(res.status, JSON.stringify(value)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(value)).toBe('/console');
    }
    const page = await (await t.app.request('/console/login?next=%2Fconsole%2Fcrawls')).text();
    expect(page).toContain('name="next" value="/console/crawls"');
  });
});
