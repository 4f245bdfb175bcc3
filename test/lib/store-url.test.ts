import { describe, expect, test } from 'vitest';
import { normalizeStoreUrl } from '../../src/lib/store-url.ts';

describe('normalizeStoreUrl', () => {
  test.each([
    ['an already normal URL', 'https://shop.example.cn/store/1001', 'https://shop.example.cn/store/1001'],
    [
      'an upper-case scheme and host',
      'HTTPS://Shop.Example.CN/store/1001',
      'https://shop.example.cn/store/1001',
    ],
    ['the default https port', 'https://shop.example.cn:443/s', 'https://shop.example.cn/s'],
    ['the default http port', 'http://shop.example.cn:80/s', 'http://shop.example.cn/s'],
    ['a fragment', 'https://shop.example.cn/s?id=1#reviews', 'https://shop.example.cn/s?id=1'],
    ['an empty fragment', 'https://shop.example.cn/s#', 'https://shop.example.cn/s'],
    ['an empty path', 'https://shop.example.cn', 'https://shop.example.cn/'],
    ['surrounding white space', '  https://shop.example.cn/s \n', 'https://shop.example.cn/s'],
    ['an IDN host', 'https://例子.中国/', 'https://xn--fsqu00a.xn--fiqs8s/'],
    ['a full-width host', 'https://ｓｈｏｐ.example.cn/', 'https://shop.example.cn/'],
    ['a non-ASCII path', 'https://shop.example.cn/店', 'https://shop.example.cn/%E5%BA%97'],
  ])('normalises %s', (_why, input, normal) => {
    expect(normalizeStoreUrl(input)).toBe(normal);
  });

  test('keeps a non-default port, the path case and the query', () => {
    expect(normalizeStoreUrl('https://Shop.example.cn:8443/Store/A?Q=B')).toBe(
      'https://shop.example.cn:8443/Store/A?Q=B',
    );
  });

  test('makes two spellings of the same store compare equal', () => {
    expect(normalizeStoreUrl('HTTPS://例子.中国:443/店#top')).toBe(
      normalizeStoreUrl('https://xn--fsqu00a.xn--fiqs8s/%E5%BA%97'),
    );
  });

  test('is idempotent', () => {
    const once = normalizeStoreUrl('HTTPS://例子.中国:443/店?x=1#top')!;
    expect(normalizeStoreUrl(once)).toBe(once);
  });

  test.each([
    ['user and password', 'https://user:secret@shop.example.cn/'],
    ['a user only', 'https://user@shop.example.cn/'],
    ['a password only', 'https://:secret@shop.example.cn/'],
  ])('rejects credentials: %s', (_why, input) => {
    expect(normalizeStoreUrl(input)).toBeNull();
  });

  test.each([
    'ftp://shop.example.cn/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<p>shop</p>',
    'mailto:shop@example.cn',
    'ws://shop.example.cn/',
  ])('rejects the non-http(s) URL %s', (input) => {
    expect(normalizeStoreUrl(input)).toBeNull();
  });

  test.each([
    '/store/1001',
    'store/1001',
    'shop.example.cn/store',
    '//shop.example.cn/store',
    '?id=1',
    'https://',
    'https://exa mple.cn/',
    '',
    '   ',
  ])('rejects %j, which is not an absolute URL with a host', (input) => {
    expect(normalizeStoreUrl(input)).toBeNull();
  });

  test('accepts 2048 characters and rejects 2049', () => {
    const base = 'https://shop.example.cn/';
    const atLimit = base + 'a'.repeat(2048 - base.length);
    expect(atLimit).toHaveLength(2048);
    expect(normalizeStoreUrl(atLimit)).toBe(atLimit);
    expect(normalizeStoreUrl(`${atLimit}a`)).toBeNull();
  });

  test('counts the limit after trimming surrounding white space', () => {
    const base = 'https://shop.example.cn/';
    const atLimit = base + 'a'.repeat(2048 - base.length);
    expect(normalizeStoreUrl(`  ${atLimit}  `)).toBe(atLimit);
  });
});
