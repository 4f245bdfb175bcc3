import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeHtml } from '../../crawlers/extract/decode.ts';
import { extractFindings } from '../../crawlers/extract/index.ts';
import { normalizeCompanyName, sameCompanyName } from '../../crawlers/extract/names.ts';
import { capNesting } from '../../crawlers/extract/parse.ts';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import type { Findings } from '../../crawlers/types.ts';

/** Synthetic pages, one capability per test. Codes are from test/vectors/uscc.tsv. */

const CODE = '91110000600037341L'; // valid
const OTHER = '91310115MA1K3BTP2B'; // valid
const WRONG_CHECK = '91110000600037341N'; // the shape of a code, check character wrong
const INDIVIDUAL = withCheck('92110108MA01ABCDE'); // 个体工商户
const URL_OF_PAGE = 'https://shop.example.cn/store/index.html';

function withCheck(first17: string): string {
  return first17 + usccCheckCharacter(first17);
}

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>好物小铺 - 首页</title>${head}</head><body>${body}</body></html>`;
}

function extract(body: string, head = ''): Findings {
  return extractFindings(page(body, head), URL_OF_PAGE);
}

const codesOf = (f: Findings) =>
  f.codes.map(({ code, valid, source, hidden }) => ({ code, valid, source, hidden }));
const namesOf = (f: Findings) => f.names.map(({ text, source, hidden }) => ({ text, source, hidden }));

describe('codes in text', () => {
  test('a labelled code on a footer line', () => {
    const f = extract(`<footer><p>营业执照：北京某某科技有限公司 统一社会信用代码：${CODE}</p></footer>`);
    expect(f.codes).toEqual([{ text: CODE, code: CODE, valid: true, source: 'text', hidden: false }]);
  });

  test('a code split over nested spans is read as one', () => {
    const f = extract(
      `<p><span class="label">统一社会信用代码：</span><span class="code"><span>9111</span><span><b>0000</b>6000</span><span>37341L</span></span></p>`,
    );
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });

  test('a code typed in full-width characters keeps them in text and is folded in code', () => {
    const f = extract('<p>统一社会信用代码：９１１１００００６０００３７３４１Ｌ</p>');
    expect(f.codes).toEqual([
      {
        text: '９１１１００００６０００３７３４１Ｌ',
        code: CODE,
        valid: true,
        source: 'text',
        hidden: false,
      },
    ]);
  });

  test('a code in groups separated by spaces, U+3000 and nbsp', () => {
    const f = extract('<p>信用代码：9111 0000\u30006000&nbsp;3734 1L</p>');
    expect(f.codes).toEqual([
      { text: '9111 0000\u30006000\u00a03734 1L', code: CODE, valid: true, source: 'text', hidden: false },
    ]);
  });

  test('a code in lower case', () => {
    const f = extract('<p>USCC: 91310115ma1k3btp2b</p>');
    expect(codesOf(f)).toEqual([{ code: OTHER, valid: true, source: 'text', hidden: false }]);
  });

  test('a labelled code whose check character fails is reported as invalid', () => {
    const f = extract(`<p>统一社会信用代码：${WRONG_CHECK}</p>`);
    expect(codesOf(f)).toEqual([{ code: WRONG_CHECK, valid: false, source: 'text', hidden: false }]);
  });

  test('a bare code is caught when its check character holds, and left out when it fails', () => {
    const f = extract(`<p>© 2024 好物小铺 ${CODE}</p><p>货号 X ${WRONG_CHECK}</p>`);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });

  test('a bare code right after an ICP number and a phone number on a copyright line', () => {
    const f = extract(`<p>沪ICP备09007253号 客服电话：400-800-1234 ${OTHER}</p>`);
    expect(codesOf(f)).toEqual([{ code: OTHER, valid: true, source: 'text', hidden: false }]);
  });

  test('an individual business code (kind 92) after 经营者名称', () => {
    const f = extract(
      `<p>经营者名称：北京市海淀区华锦服装店 统一社会信用代码：${INDIVIDUAL} 经营者类型：个体工商户</p>`,
    );
    expect(codesOf(f)).toEqual([{ code: INDIVIDUAL, valid: true, source: 'text', hidden: false }]);
    expect(namesOf(f)).toEqual([{ text: '北京市海淀区华锦服装店', source: 'text', hidden: false }]);
  });

  test('the same code twice is one candidate, visible when any occurrence is', () => {
    const f = extract(`<p hidden>统一社会信用代码：${CODE}</p><p>统一社会信用代码：${CODE}</p>`);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });
});

describe('numbers that are not codes', () => {
  test('a resident ID number, labelled or bare, is not a code', () => {
    // 11010519491231002X has the USCC shape and a valid ID check character (GB 11643).
    const f = extract(
      '<p>身份证：11010519491231002X</p><p>联系人 11010519491231002X</p><p>110105194912310021</p>',
    );
    expect(f.codes).toEqual([]);
  });

  test('a phone number, an order number with the USCC shape, a 19- and a 20-character run', () => {
    const f = extract(
      `<p>客服电话：13800138000</p><p>订单号：${CODE}</p><p>物流单号 ${OTHER}</p>` +
        `<p>${CODE}9</p><p>A${CODE}</p><p>20231105123456789012</p>`,
    );
    expect(f.codes).toEqual([]);
  });

  test('a code is never cut out of a longer run of spaced digit groups', () => {
    const f = extract('<p>卡号 9111 0000 6000 3734 1234 5678</p>');
    expect(f.codes).toEqual([]);
  });
});

describe('pre-2015 registration numbers', () => {
  test('15 digits after 注册号 in the next table cell', () => {
    const f = extract('<table><tr><td>注册号：</td><td>110108011032216</td></tr></table>');
    expect(f.registrationNumbers).toEqual([{ number: '110108011032216', source: 'text', hidden: false }]);
    expect(f.codes).toEqual([]);
  });

  test('15 digits after 工商注册号 and 营业执照注册号; not after 电话 nor without a label', () => {
    const f = extract(
      '<p>工商注册号：310115000123456</p><p>营业执照注册号 440106000067508</p><p>电话：110108011032217</p><p>编号 110108011032218</p>',
    );
    expect(f.registrationNumbers.map((r) => r.number)).toEqual(['310115000123456', '440106000067508']);
  });
});

describe('hidden elements', () => {
  test.each([
    [
      'display:none on an ancestor',
      `<div style="color:red; display : none"><p>统一社会信用代码：${CODE}</p></div>`,
    ],
    ['visibility:hidden', `<p style="visibility:hidden">统一社会信用代码：${CODE}</p>`],
    ['the hidden attribute', `<section hidden><p>统一社会信用代码：${CODE}</p></section>`],
    ['<template>', `<template><p>统一社会信用代码：${CODE}</p></template>`],
    [
      '<noscript> (scripting is on in every browser a visitor uses)',
      `<div><noscript><p>统一社会信用代码：${CODE}</p></noscript></div>`,
    ],
  ])('%s', (_, body) => {
    const f = extract(body);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: true }]);
    expect(f.page.textLength).toBe(0);
  });

  test('a name and code only in a display:none block are both reported hidden', () => {
    const f = extract(
      `<div class="license-info" style="display:none"><p>营业执照：北京某某科技有限公司 统一社会信用代码：${CODE}</p></div>`,
    );
    expect(namesOf(f)).toEqual([{ text: '北京某某科技有限公司', source: 'text', hidden: true }]);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: true }]);
  });

  test('hidden decoy digits inside a code do not hide the code a visitor sees', () => {
    const f = extract(`<p>统一社会信用代码：9111<span style="display:none">4</span>0000600037341L</p>`);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });

  test('an identity inside an HTML comment is not on the page at all', () => {
    const f = extract(`<!-- <p>营业执照：北京某某科技有限公司 统一社会信用代码：${CODE}</p> -->`);
    expect(f.codes).toEqual([]);
    expect(f.names).toEqual([]);
  });
});

describe('company names', () => {
  test('the label and the following field are not swallowed into the name', () => {
    const f = extract(`<p>名称：北京某某科技有限公司 统一社会信用代码：${CODE} 住所：北京市海淀区</p>`);
    expect(namesOf(f)).toEqual([{ text: '北京某某科技有限公司', source: 'text', hidden: false }]);
  });

  test('full-width and half-width brackets inside a name are kept as shown', () => {
    const f = extract('<p>运营主体：杭州某某（集团）有限公司</p><p>某某 (上海) 贸易有限公司 版权所有</p>');
    expect(f.names).toEqual([
      {
        text: '杭州某某（集团）有限公司',
        normalized: '杭州某某(集团)有限公司',
        source: 'text',
        hidden: false,
      },
      {
        text: '某某 (上海) 贸易有限公司',
        normalized: '某某(上海)贸易有限公司',
        source: 'text',
        hidden: false,
      },
    ]);
  });

  test('a name split over spans, and one with spaces and U+3000 inside', () => {
    const f = extract(
      '<p>营业执照：<span><span>杭州星河</span><span>科技有限公司</span></span></p><p>营业执照：深圳禾田 电子商务\u3000 有限公司 统一社会信用代码：</p>',
    );
    expect(f.names.map((n) => [n.text, n.normalized])).toEqual([
      ['杭州星河科技有限公司', '杭州星河科技有限公司'],
      ['深圳禾田 电子商务\u3000 有限公司', '深圳禾田电子商务有限公司'],
    ]);
  });

  test('a legal-form name in a copyright line, without the ICP number before it', () => {
    const f = extract('<div>Copyright © j1.com 沪ICP备09007253号 上海华源大药房连锁经营有限公司</div>');
    expect(namesOf(f)).toEqual([{ text: '上海华源大药房连锁经营有限公司', source: 'text', hidden: false }]);
  });

  test('shop-style names count only after a name label', () => {
    const f = extract(
      '<p>经营者：朝阳区优品百货商行</p><p>欢迎光临华锦服装店</p><p>店铺名称：锦绣旗舰店</p><p>网站名称：上品折扣网</p>',
    );
    expect(namesOf(f)).toEqual([{ text: '朝阳区优品百货商行', source: 'text', hidden: false }]);
  });

  test('after a label, a value that ends in no legal form nor shop suffix is no name', () => {
    const f = extract(
      '<table><tr><td>营业执照：</td><td><a href="/l">点击查看</a></td></tr></table><p>经营者：某某设计工作室（个体工商户）</p>',
    );
    expect(namesOf(f)).toEqual([{ text: '某某设计工作室（个体工商户）', source: 'text', hidden: false }]);
  });

  test('a company type (有限责任公司(法人独资)) is not a name', () => {
    const f = extract('<table><tr><td>企业类型：</td><td>有限责任公司(法人独资)</td></tr></table>');
    expect(f.names).toEqual([]);
  });

  test('partnerships and sole proprietorships', () => {
    const f = extract('<p>杭州某某投资合伙企业（有限合伙）</p><p>主体名称：宁波某某贸易个人独资企业</p>');
    expect(f.names.map((n) => n.text)).toEqual([
      '宁波某某贸易个人独资企业',
      '杭州某某投资合伙企业（有限合伙）',
    ]);
  });

  test('a name in an image alt text', () => {
    const f = extract('<img src="/img/l.png" alt="北京某某科技有限公司营业执照">');
    expect(namesOf(f)).toEqual([{ text: '北京某某科技有限公司', source: 'image_alt', hidden: false }]);
  });

  test('a name in the author meta tag', () => {
    const f = extract('<p>hello</p>', '<meta name="author" content="北京某某科技有限公司">');
    expect(namesOf(f)).toEqual([{ text: '北京某某科技有限公司', source: 'meta', hidden: false }]);
  });
});

describe('normalizeCompanyName and sameCompanyName', () => {
  test('brackets, 【】, spaces of every kind, full-width and case are folded', () => {
    expect(normalizeCompanyName(' 杭州某某【集团】 有限公司\u3000')).toBe('杭州某某(集团)有限公司');
    expect(normalizeCompanyName('ＡＢＣ（中国）\u00a0有限公司')).toBe('abc(中国)有限公司');
    expect(sameCompanyName('杭州某某（集团）有限公司', '杭州某某(集团)有限公司')).toBe(true);
    expect(sameCompanyName('深圳禾田 电子商务\u3000 有限公司', '深圳禾田电子商务有限公司')).toBe(true);
    expect(sameCompanyName('Abc 贸易有限公司', 'ABC贸易有限公司')).toBe(true);
  });

  test('different names and empty names are never the same', () => {
    expect(sameCompanyName('北京某某科技有限公司', '北京某某科技股份有限公司')).toBe(false);
    expect(sameCompanyName('', '')).toBe(false);
    expect(sameCompanyName(' \u3000', '')).toBe(false);
  });
});

describe('JSON-LD', () => {
  const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

  test('an Organization with legalName and taxID', () => {
    const f = extract(
      '',
      ld({
        '@context': 'https://schema.org',
        '@type': 'Organization',
        name: '官方旗舰店',
        legalName: '北京某某科技有限公司',
        taxID: CODE,
      }),
    );
    expect(f.jsonLd).toEqual([
      { type: 'Organization', name: '官方旗舰店', legalName: '北京某某科技有限公司', taxID: CODE },
    ]);
    expect(namesOf(f)).toEqual([{ text: '北京某某科技有限公司', source: 'json_ld', hidden: false }]);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'json_ld', hidden: false }]);
  });

  test('@graph members, arrays, vatID, an identifier PropertyValue and a nested seller', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: '好物小铺' },
        { '@type': ['Organization', 'Store'], name: '上海某某贸易有限公司', vatID: OTHER },
      ],
    };
    const list = [
      {
        '@type': 'Product',
        name: 'T恤',
        offers: { '@type': 'Offer', seller: { '@type': 'Corporation', legalName: '杭州某某服饰有限公司' } },
      },
      {
        '@type': 'LocalBusiness',
        name: '小店',
        identifier: { '@type': 'PropertyValue', propertyID: 'USCC', value: CODE },
      },
    ];
    const f = extract('', ld(graph) + ld(list));
    expect(f.jsonLd).toEqual([
      { type: 'WebSite', name: '好物小铺' },
      { type: 'Organization', name: '上海某某贸易有限公司', taxID: OTHER },
      { type: 'Product', name: 'T恤' },
      { type: 'Corporation', legalName: '杭州某某服饰有限公司' },
      { type: 'LocalBusiness', name: '小店' },
    ]);
    expect(f.names.map((n) => n.text)).toEqual(['上海某某贸易有限公司', '杭州某某服饰有限公司']);
    expect(f.codes.map((c) => [c.code, c.source])).toEqual([
      [OTHER, 'json_ld'],
      [CODE, 'json_ld'],
    ]);
  });

  test('malformed JSON-LD is skipped and the rest of the page still read', () => {
    const head = `<script type="application/ld+json">{"@type": "Organization", "legalName": </script>${ld({ '@type': 'Organization', legalName: '北京某某科技有限公司' })}`;
    const f = extract(`<p>统一社会信用代码：${CODE}</p>`, head);
    expect(f.jsonLd).toEqual([{ type: 'Organization', legalName: '北京某某科技有限公司' }]);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });

  test('JSON-LD wrapped in an HTML comment is read', () => {
    const f = extract(
      '',
      `<script type="application/ld+json"><!--\n{"@type":"Organization","taxID":"${CODE}"}\n--></script>`,
    );
    expect(f.jsonLd).toEqual([{ type: 'Organization', taxID: CODE }]);
  });
});

describe('license links', () => {
  test("the fixture web's license authority on 127.0.0.1, any port, found by its uscc= parameter", () => {
    const href = `http://127.0.0.1:41234/license/verify?uscc=${CODE}`;
    const f = extract(
      `<p class="license"><a class="license-badge" href="${href}"><img src="http://127.0.0.1:41234/badge.png" alt="电子营业执照"></a></p>`,
    );
    expect(f.licenseLinks).toEqual([
      { href, host: '127.0.0.1:41234', code: CODE, codeValid: true, text: '电子营业执照', hidden: false },
    ]);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'license_link', hidden: false }]);
    expect(f.licenseImages).toEqual([]); // the badge shows no license
  });

  test('market regulator hosts, with the id they carry', () => {
    const f = extract(
      [
        '<a href="http://www.sgs.gov.cn/lz/licenseLink.do?method=licenceView&amp;entyId=20110510115725380">亮照</a>',
        '<a href="http://www.jsgsj.gov.cn:60101/keyLicense/verifKey.jsp?serial=320000163820130117100000009630&amp;signData=x">电子营业执照</a>',
        '<a href="https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&amp;serial=9144000071092X&amp;signData=y">亮照亮证</a>',
        '<a href="http://scjgj.example.gov.cn/lz/detail?id=77">公示</a>',
      ].join(' '),
    );
    expect(f.licenseLinks.map(({ host, id, code }) => ({ host, id, code }))).toEqual([
      { host: 'www.sgs.gov.cn', id: '20110510115725380', code: undefined },
      { host: 'www.jsgsj.gov.cn:60101', id: '320000163820130117100000009630', code: undefined },
      { host: 'zzlz.gsxt.gov.cn', id: '9144000071092X', code: undefined },
      { host: 'scjgj.example.gov.cn', id: '77', code: undefined },
    ]);
  });

  test('a code in a path segment, a relative link resolved against the page', () => {
    const f = extract(`<a href="../license/${OTHER}.html">营业执照公示</a>`);
    expect(f.licenseLinks).toEqual([
      {
        href: `https://shop.example.cn/license/${OTHER}.html`,
        host: 'shop.example.cn',
        code: OTHER,
        codeValid: true,
        text: '营业执照公示',
        hidden: false,
      },
    ]);
  });

  test('a regulator home page, an 18-digit picture name and an invalid code= are not license links', () => {
    const f = extract(
      '<a href="http://www.samr.gov.cn/">国家市场监督管理总局</a>' +
        '<a href="http://image.example.cn/img/142891196680527240.jpg">代理商</a>' +
        `<a href="/item?code=${WRONG_CHECK}">商品</a><a href="javascript:void(0)">x</a><a href="mailto:a@b.cn">邮件</a>`,
    );
    expect(f.licenseLinks).toEqual([]);
    expect(f.codes).toEqual([]);
  });

  test('a license link in a hidden block is reported hidden, with its registration number', () => {
    const href = `http://air.gzaic.gov.cn:88/outsys/commonquery/viewBusinessLicence?uniscid=91440101681325547Y&regno=440106000067508`;
    const f = extract(
      `<span style="display:none"><a href="${href.replace('&', '&amp;')}">营业执照</a></span>`,
    );
    expect(f.licenseLinks).toEqual([
      {
        href,
        host: 'air.gzaic.gov.cn:88',
        code: '91440101681325547Y',
        codeValid: true,
        text: '营业执照',
        hidden: true,
        issuer: 'guangzhou-licence',
      },
    ]);
    expect(f.registrationNumbers).toEqual([
      { number: '440106000067508', source: 'license_link', hidden: true },
    ]);
  });
});

describe('license images', () => {
  test('by alt text, file name, caption and a link to a picture', () => {
    const f = extract(
      '<div class="license-pic"><img src="https://cdn.example.cn/a.png" alt="营业执照"></div>' +
        '<img src="/upload/yyzz_2024.jpg">' +
        '<figure><img src="/upload/p1.jpg"><figcaption>本店执照</figcaption></figure>' +
        '<a href="/upload/l.jpeg">查看营业执照</a>' +
        '<img src="/upload/hidden-yyzz.jpg" style="display:none"><img src="/img/banner.jpg" alt="满199减20">',
    );
    expect(f.licenseImages).toEqual([
      { src: 'https://cdn.example.cn/a.png', alt: '营业执照', reason: 'alt text: 营业执照' },
      { src: 'https://shop.example.cn/upload/yyzz_2024.jpg', alt: '', reason: 'file name: yyzz_2024.jpg' },
      { src: 'https://shop.example.cn/upload/p1.jpg', alt: '', reason: 'caption: 本店执照' },
      {
        src: 'https://shop.example.cn/upload/l.jpeg',
        alt: '查看营业执照',
        reason: 'link text: 查看营业执照',
      },
    ]);
  });
});

describe('trust marks', () => {
  test('a knet.cn seal script, a szfw.org certificate link, a gov.cn badge', () => {
    const f = extract(
      '<script src="http://kxlogo.knet.cn/seallogo.dll?sn=e13030111010039345f97y000000&amp;size=0"></script>' +
        '<a href="https://search.szfw.org/cert/l/CX20111018000608000610"><img alt="诚信网站" src="/img/chengxin.png"></a>' +
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33010002000120"><img src="/img/ga.png">浙公网安备 33010002000120号</a>' +
        '<a href="http://www.beian.gov.cn/">备案</a>',
    );
    expect(f.trustMarks).toEqual([
      {
        href: 'https://search.szfw.org/cert/l/CX20111018000608000610',
        imgSrc: 'https://shop.example.cn/img/chengxin.png',
        issuerHost: 'search.szfw.org',
        id: 'CX20111018000608000610',
        text: '诚信网站',
        attributes: {},
      },
      {
        href: 'http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33010002000120',
        imgSrc: 'https://shop.example.cn/img/ga.png',
        issuerHost: 'www.beian.gov.cn',
        id: '33010002000120',
        text: '浙公网安备 33010002000120号',
        attributes: {},
      },
      { issuerHost: 'kxlogo.knet.cn', id: 'e13030111010039345f97y000000', text: '', attributes: {} },
    ]);
  });

  test('an element that declares itself a mark, and a row of seals split into one mark each', () => {
    const f = extract(
      '<div class="trust-mark" data-mark-id="TM-0042" data-issuer="marks.example"><a href="https://marks.example/v?sn=9"><img src="/m.png" alt="认证"></a></div>' +
        '<div class="footer-seals"><a href="https://a.example/cert/A1"><img src="/a.png"></a><img src="https://b.example/seal.png?certId=B2" alt="B"></div>',
    );
    expect(f.trustMarks).toEqual([
      {
        href: 'https://marks.example/v?sn=9',
        imgSrc: 'https://shop.example.cn/m.png',
        issuerHost: 'marks.example',
        id: 'TM-0042',
        text: '认证',
        attributes: { class: 'trust-mark', 'data-mark-id': 'TM-0042', 'data-issuer': 'marks.example' },
      },
      {
        href: 'https://a.example/cert/A1',
        imgSrc: 'https://shop.example.cn/a.png',
        issuerHost: 'a.example',
        id: 'A1',
        text: '',
        attributes: {},
      },
      {
        imgSrc: 'https://b.example/seal.png?certId=B2',
        issuerHost: 'b.example',
        id: 'B2',
        text: 'B',
        attributes: {},
      },
    ]);
  });
});

describe('page signals', () => {
  test('title, visible text length with white space collapsed, scripts without JSON-LD', () => {
    const f = extract(
      '<p>  你好，\n\n  世界 </p><p hidden>看不见</p><script>var a = 1;</script><script src="/app.js"></script><style>p{}</style>',
      '<script src="/head.js"></script><script type="application/ld+json">{}</script>',
    );
    expect(f.page).toEqual({
      title: '好物小铺 - 首页',
      textLength: '你好， 世界'.length,
      scriptCount: 3,
      captcha: false,
    });
  });

  test.each([
    [
      'a slide-to-verify interstitial',
      '<title>安全验证</title>',
      '<h1>请完成安全验证</h1><p>请按住滑块，拖动到最右边</p>',
    ],
    [
      'a Cloudflare-style wait page',
      '<title>Just a moment...</title>',
      '<p>Checking your browser before accessing.</p>',
    ],
    [
      'a captcha widget on a short page',
      '<title>提示</title>',
      '<form><div class="g-recaptcha" data-sitekey="x"></div><button>继续</button></form>',
    ],
    [
      'a captcha input on a short page',
      '<title>访问</title>',
      '<form><input name="captcha_code"><img src="/captcha.jpg"></form>',
    ],
    ['an access-denied page with almost no text', '<title>Access Denied</title>', '<p>Reference #18.2</p>'],
    ['a verification code prompt', '<title>店铺</title>', '<p>请输入验证码后继续访问</p>'],
  ])('captcha: %s', (_, head, body) => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
    expect(extractFindings(html, URL_OF_PAGE).page.captcha).toBe(true);
  });

  test('no captcha: a store that mentions 验证 and 验证码 in its footer, a short page without signals', () => {
    const products = Array.from(
      { length: 40 },
      (_, i) => `<li>纯棉短袖T恤 夏季新款 宽松百搭 第${i}款 ¥99.00 已售 1000 件 · 包邮 · 7天无理由退货</li>`,
    ).join('');
    const store = extract(
      `<ul>${products}</ul><footer><a href="/license">营业执照验证</a> 登录时请输入短信验证码</footer>`,
    );
    expect(store.page.captcha).toBe(false);
    expect(extract('<h1>店铺首页</h1><p>欢迎光临</p>').page.captcha).toBe(false);
  });
});

describe('GB-encoded pages', () => {
  test('a GBK page with full-width punctuation, U+3000 and a GBK-only character in the name', () => {
    const html = page(
      `<p>经营者名称：北京镕达商贸有限公司\u3000统一社会信用代码：${CODE}</p><p>价格：￥99.00</p>`,
    ).replace('charset="utf-8"', 'charset="gbk"');
    const { html: decoded } = decodeHtml(iconv.encode(html, 'gbk'), 'text/html');
    const f = extractFindings(decoded, URL_OF_PAGE);
    expect(namesOf(f)).toEqual([{ text: '北京镕达商贸有限公司', source: 'text', hidden: false }]);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });
});

describe('hostile input never throws', () => {
  test.each([
    ['empty', ''],
    ['only text', '统一社会信用代码：' + CODE],
    [
      'unclosed tags and stray end tags',
      `<div><p>名称：北京某某科技有限公司<span><b>统一社会信用代码：${CODE}</div></span></p></table><a href=`,
    ],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65_536))],
    ['a NUL-ridden string', '\u0000<\u0000a\u0000>'.repeat(1000)],
    [
      'broken URLs and entities',
      '<a href="http://[::1">x</a><a href="%E0%A4%A">y</a><img src="//"><p>&#xD800;&bogus;</p>',
    ],
  ])('%s', (_, html) => {
    expect(() => extractFindings(html, 'not a url')).not.toThrow();
  });

  test('a non-string input from an untyped caller', () => {
    expect(extractFindings(undefined as unknown as string, URL_OF_PAGE).codes).toEqual([]);
    expect(extractFindings(12345 as unknown as string, URL_OF_PAGE).page.textLength).toBe(5);
  });

  test('unclosed markup still yields the identity', () => {
    const f = extractFindings(`<p>名称：北京某某科技有限公司<span><b>统一社会信用代码：${CODE}`, URL_OF_PAGE);
    expect(f.names.map((n) => n.text)).toEqual(['北京某某科技有限公司']);
    expect(f.codes.map((c) => c.code)).toEqual([CODE]);
  });

  test('100 000 nested elements: the depth is capped and the code at the bottom is still read', () => {
    const html =
      '<div>'.repeat(50_000) +
      '<span>'.repeat(50_000) +
      `统一社会信用代码：${CODE}` +
      '</span></div>'.repeat(50_000);
    const f = extractFindings(html, URL_OF_PAGE);
    expect(codesOf(f)).toEqual([{ code: CODE, valid: true, source: 'text', hidden: false }]);
  });

  test('capNesting leaves ordinary pages alone and drops only tags past the cap', () => {
    const ordinary = '<div><ul><li>a<li>b</ul><svg><path d="M0"/><path d="M1"/></svg><p>x<p>y</div>';
    expect(capNesting(ordinary, 3)).toBe(ordinary);
    expect(capNesting('<div><div><div><b>x</b></div></div></div>', 2)).toBe('<div><div>x</div></div>');
  });

  test.each([
    ['a 5 MB run of digits', () => '9'.repeat(5 * 1024 * 1024)],
    ['5 MB of "<"', () => '<'.repeat(5 * 1024 * 1024)],
    ['5 MB of unterminated start tags', () => '<a b="'.repeat(900_000)],
    ['5 MB of legal-form suffixes', () => '有限公司'.repeat(1_300_000)],
    ['5 MB of labels', () => '统一社会信用代码：名称：'.repeat(400_000)],
    ['5 MB of spaced digit groups', () => '9111 '.repeat(1_000_000)],
  ])('%s completes', (_, make) => {
    const html = make();
    expect(html.length).toBeGreaterThan(4_500_000);
    const started = performance.now();
    const f = extractFindings(html, URL_OF_PAGE);
    // Linear work: seconds, not the minutes a backtracking regex or a quadratic scan would take.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(f.codes).toEqual([]);
  });
});
