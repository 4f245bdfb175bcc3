import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { charsetOf, decodeHtml } from '../../crawlers/extract/decode.ts';

/** Bodies are built with iconv-lite, as a server in that charset would send them. */

function page(meta: string, body: string, title = '店铺首页'): string {
  return `<!DOCTYPE html><html><head>${meta}<title>${title}</title></head><body>${body}</body></html>`;
}

describe('decodeHtml', () => {
  test('GBK, named only by the Content-Type header', () => {
    const html = page('', '营业执照：北京某某科技有限公司 统一社会信用代码：91110000600037341L ￥99');
    const result = decodeHtml(iconv.encode(html, 'gbk'), 'text/html; charset=GBK');
    expect(result).toEqual({ html, charset: 'gbk' });
  });

  test('GB18030, named only by <meta charset>, with characters outside GBK', () => {
    // € is one byte in GBK and GB18030, 𠀀 (U+20000) exists only in GB18030's four-byte sequences.
    const html = page('<meta charset="gb18030">', '欧元 € 𠀀 北京某某科技有限公司');
    const result = decodeHtml(iconv.encode(html, 'gb18030'), 'text/html');
    expect(result).toEqual({ html, charset: 'gb18030' });
  });

  test('a page labelled gb2312 (http-equiv) that uses a GBK-only character decodes as GBK', () => {
    const html = page(
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
      '北京镕达商贸有限公司',
    );
    const body = iconv.encode(html, 'gbk');
    // 镕 is E9 46 in GBK: a trail byte below A1 lies outside GB2312 (EUC-CN), so only GBK can read it.
    const rong = iconv.encode('镕', 'gbk');
    expect([...rong]).toEqual([0xe9, 0x46]);
    expect(decodeHtml(body, undefined)).toEqual({ html, charset: 'gbk' });
    expect(decodeHtml(body, 'text/html;charset="gb2312"')).toEqual({ html, charset: 'gbk' });
  });

  test('Big5, from the header', () => {
    const html = page('', '臺北市某某貿易有限公司', '商店首頁'); // traditional characters: 铺 has no Big5 code
    expect(decodeHtml(iconv.encode(html, 'big5'), 'text/html; charset=big5')).toEqual({
      html,
      charset: 'big5',
    });
  });

  test('a UTF-8 byte order mark wins over a header that says otherwise, and is not kept', () => {
    const html = page('', '北京某某科技有限公司');
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf8')]);
    expect(decodeHtml(body, undefined)).toEqual({ html, charset: 'utf-8' });
    expect(decodeHtml(body, 'text/html; charset=gbk')).toEqual({ html, charset: 'utf-8' });
  });

  test('the header wins over a <meta> that says otherwise', () => {
    const html = page('<meta charset="big5">', '北京某某科技有限公司');
    expect(decodeHtml(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8')).toEqual({
      html,
      charset: 'utf-8',
    });
  });

  test('an unknown label in the header and in <meta> falls back to UTF-8 without throwing', () => {
    const html = page('<meta charset="x-no-such-charset">', '北京某某科技有限公司');
    expect(decodeHtml(Buffer.from(html, 'utf8'), 'text/html; charset=klingon')).toEqual({
      html,
      charset: 'utf-8',
    });
  });

  test('no charset anywhere: UTF-8', () => {
    const html = page('', '北京某某科技有限公司');
    expect(decodeHtml(Buffer.from(html, 'utf8'), undefined)).toEqual({ html, charset: 'utf-8' });
    expect(decodeHtml(Buffer.from(html, 'utf8'), 'text/html')).toEqual({ html, charset: 'utf-8' });
  });

  test('an empty body and bytes that are not text', () => {
    expect(decodeHtml(Buffer.alloc(0), undefined)).toEqual({ html: '', charset: 'utf-8' });
    const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131) % 256));
    expect(() => decodeHtml(garbage, 'text/html; charset=gbk')).not.toThrow();
  });
});

describe('charsetOf', () => {
  test.each([
    ['text/html; charset=GBK', 'GBK'],
    ['text/html;charset="gb2312"', 'gb2312'],
    ["text/html; charset='utf-8'; foo=bar", 'utf-8'],
    ['text/html', undefined],
    [undefined, undefined],
    ['text/html; charset=', undefined],
  ])('%j -> %j', (header, label) => {
    expect(charsetOf(header)).toBe(label);
  });
});
