import { describe, expect, test } from 'vitest';
import { decodeHtml } from '../../crawlers/extract/decode.ts';
import { extractFindings } from '../../crawlers/extract/index.ts';
import { isValidUscc } from '../../crawlers/lib/uscc.ts';
import type { Findings } from '../../crawlers/types.ts';
import {
  FIXTURE_PAGE_COMPANIES as CO,
  FIXTURE_PAGES as PAGES,
  type FixturePage,
  fixturePageFiles,
  readFixturePage,
} from '../../fixtures/pages/index.ts';

/**
 * Our own store pages of the kinds real stores show (fixtures/pages/README.md says what each should
 * yield), read as bytes and decoded as the crawler does. The same kinds of findings as the real
 * third-party pages in extract-real-pages.test.ts, which a clone does not have.
 */
function read(page: FixturePage): Findings {
  const { html } = decodeHtml(readFixturePage(page), 'text/html');
  return extractFindings(html, page.url);
}

const visible = <T extends { hidden: boolean }>(items: T[]) => items.filter((item) => !item.hidden);

test('every page in the folder is covered here (a wrong path must not pass as zero pages)', () => {
  expect(fixturePageFiles()).toEqual(
    Object.values(PAGES)
      .map((page) => page.file)
      .sort(),
  );
});

test('the made-up companies carry valid codes and registration numbers', () => {
  for (const code of [CO.tea.uscc, CO.pharmacy.uscc]) expect(isValidUscc(code), code).toBe(true);
  // Pre-2015 registration numbers: ISO 7064 MOD 11,10 (GB/T 17710), as fixtures/web/companies.ts makes them.
  for (const number of [CO.tiancheng.registrationNumber, CO.pharmacy.registrationNumber]) {
    let product = 10;
    for (const digit of number.slice(0, 14)) product = (((product % 11) + Number(digit)) % 10 || 10) * 2;
    expect((11 - (product % 11)) % 10, number).toBe(Number(number[14]));
  }
});

describe('footer-license-text.html: a footer showing the license in text', () => {
  const f = read(PAGES.footerLicenseText);

  test('the company name and the code written in groups, both visible', () => {
    expect(f.names).toEqual([{ text: CO.tea.name, normalized: CO.tea.name, source: 'text', hidden: false }]);
    expect(f.codes).toEqual([
      { text: '9133 0106 E2HX LH2L MX', code: CO.tea.uscc, valid: true, source: 'text', hidden: false },
    ]);
  });

  test('a link to a picture of the license; no code in the order number, the food licence or the ICP number', () => {
    expect(f.licenseImages).toEqual([
      {
        src: 'https://www.huitong-chashe.example/static/license/yingyezhizhao.jpg',
        alt: '营业执照',
        reason: 'link text: 营业执照',
      },
    ]);
    expect(f.registrationNumbers).toEqual([]);
    expect(f.licenseLinks).toEqual([]);
    expect(f.trustMarks).toEqual([]);
  });
});

describe.each([
  [PAGES.licenseTable, '天成优选 - 正品低价 天天特惠'],
  [PAGES.licenseCopy, '营业执照信息（复制件）'],
])('$file: a license page', (page, title) => {
  const f = read(page);

  test('the company name, not the site name (网站名称), the company type (企业类型) nor the office', () => {
    expect(f.names).toEqual([
      { text: CO.tiancheng.name, normalized: CO.tiancheng.name, source: 'text', hidden: false },
    ]);
  });

  test('the pre-2015 registration number and no USCC (nor the phone number)', () => {
    expect(f.registrationNumbers).toEqual([
      { number: CO.tiancheng.registrationNumber, source: 'text', hidden: false },
    ]);
    expect(f.codes).toEqual([]);
  });

  test('no links, pictures or marks of a license; an ordinary page', () => {
    expect(f.licenseLinks).toEqual([]);
    expect(f.licenseImages).toEqual([]);
    expect(f.trustMarks).toEqual([]);
    expect(f.page).toMatchObject({ title, scriptCount: 0, captcha: false });
  });
});

describe('footer-seals.html: a footer fragment with badges and seals', () => {
  const f = read(PAGES.footerSeals);
  const SHANGHAI = 'http://www.sgs.gov.cn/lz/licenseLink.do?method=licenceView&entyId=20120315093042817';

  test('the Shanghai market regulator license badge, with its entyId as id', () => {
    expect(f.licenseLinks).toEqual([
      {
        href: SHANGHAI,
        host: 'www.sgs.gov.cn',
        id: '20120315093042817',
        text: '',
        hidden: false,
        issuer: 'shanghai-lz',
      },
    ]);
  });

  test('the knet.cn 可信网站 seal, installed as a script, among the badges in page order', () => {
    expect(f.trustMarks).toContainEqual({
      issuerHost: 'kxlogo.knet.cn',
      id: 'e12031531010091524hx7a000000',
      text: '',
      attributes: {},
    });
    expect(f.trustMarks.map((mark) => mark.issuerHost)).toEqual([
      'beian.miit.gov.cn',
      'www.sgs.gov.cn',
      'webscan.360.cn',
      'kxlogo.knet.cn',
    ]);
  });

  test('the operator in the copyright line; no code in the ICP number, phone numbers or certificates', () => {
    expect(f.names.map((name) => name.text)).toEqual([CO.pharmacyChain.name]);
    expect(f.codes).toEqual([]);
    expect(f.registrationNumbers).toEqual([]);
    // Links to pictures of a drug licence and certificates, not of a business license.
    expect(f.licenseImages).toEqual([]);
  });

  test('the tracking scripts and the seal script count as scripts; a fragment has no title', () => {
    expect(f.page).toMatchObject({ title: '', scriptCount: 3, captcha: false });
  });
});

describe('footer-hidden-license.html: a footer whose license block is display:none', () => {
  const f = read(PAGES.footerHiddenLicense);
  const GZ = `https://scjgj.gz.gov.cn/gsgs/viewLicence?uniscid=${CO.pharmacy.uscc}&regno=${CO.pharmacy.registrationNumber}`;
  const ZJ = 'https://idinfo.zjamr.zj.gov.cn/bscx.do?method=lzxx&id=3301063301060000207731';

  test('the license page link carries the USCC and the registration number, inside the hidden block', () => {
    expect(f.licenseLinks).toEqual([
      {
        href: GZ,
        host: 'scjgj.gz.gov.cn',
        code: CO.pharmacy.uscc,
        codeValid: true,
        text: '青禾大药房营业执照',
        hidden: true,
      },
      {
        href: ZJ,
        host: 'idinfo.zjamr.zj.gov.cn',
        id: '3301063301060000207731',
        text: '',
        hidden: true,
        issuer: 'zhejiang-lzxx',
      },
    ]);
    expect(f.codes).toEqual([
      { text: CO.pharmacy.uscc, code: CO.pharmacy.uscc, valid: true, source: 'license_link', hidden: true },
    ]);
    expect(f.registrationNumbers).toEqual([
      { number: CO.pharmacy.registrationNumber, source: 'license_link', hidden: true },
    ]);
  });

  test('nothing of the identity is visible; the licence numbers (粤B2-20190462, 粤AA0200317...) are no codes', () => {
    expect(visible(f.codes)).toEqual([]);
    expect(visible(f.licenseLinks)).toEqual([]);
    expect(f.names).toEqual([]);
  });

  test('the public-security filing badges and the license badges are marks, the hidden one too', () => {
    expect(f.trustMarks.map(({ issuerHost, id }) => ({ issuerHost, id }))).toEqual([
      { issuerHost: 'idinfo.zjamr.zj.gov.cn', id: '3301063301060000207731' },
      { issuerHost: 'www.beian.gov.cn', id: '44010602003158' },
      { issuerHost: 'www.beian.gov.cn', id: '44010602003160' },
      { issuerHost: 'sq.ccm.gov.cn', id: undefined },
    ]);
  });
});

describe('home.html: a long home page', () => {
  const f = read(PAGES.home);

  test('the Jiangsu electronic business license badge, with its serial as id', () => {
    expect(f.licenseLinks).toHaveLength(1);
    expect(f.licenseLinks[0]).toMatchObject({
      host: 'www.jsgsj.gov.cn:60101',
      id: '320000163820240117100000004418',
      text: '电子营业执照',
      hidden: false,
    });
    expect(f.licenseLinks[0]!.href).toMatch(
      /^http:\/\/www\.jsgsj\.gov\.cn:60101\/keyLicense\/verifKey\.jsp\?serial=320000163820240117100000004418&signData=/,
    );
    expect(f.licenseLinks[0]!.code).toBeUndefined();
  });

  test('the search.szfw.org 诚信网站 seal', () => {
    expect(f.trustMarks[0]).toEqual({
      href: 'https://search.szfw.org/cert/l/CX20240118000123000456',
      imgSrc: 'https://static.hengxin-dianqi.example/images/chengxin.png',
      issuerHost: 'search.szfw.org',
      id: 'CX20240118000123000456',
      text: '诚信网站',
      attributes: {},
    });
  });

  test('the operator from the copyright line; a picture named by an 18-digit valid code shape is no code', () => {
    expect(isValidUscc('913205052024012391')).toBe(true);
    expect(f.names.map((name) => name.text)).toEqual([CO.electric.name]);
    expect(f.codes).toEqual([]);
    expect(f.licenseImages).toEqual([]); // the 电子营业执照 picture is the badge of the license link
  });

  test('page signals: a long page that mentions 验证码 in a notice is no captcha', () => {
    expect(f.page).toMatchObject({ title: '首页', scriptCount: 4, captcha: false });
    expect(f.page.textLength).toBeGreaterThan(1000);
  });
});
