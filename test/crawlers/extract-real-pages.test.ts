import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeHtml } from '../../crawlers/extract/decode.ts';
import { extractFindings } from '../../crawlers/extract/index.ts';
import type { Findings } from '../../crawlers/types.ts';
import {
  REAL_PAGES_DIR,
  REAL_PAGES_PRESENT,
  REAL_PAGES_SKIPPED,
  readRealPage,
  warnWhenRealPagesAbsent,
} from '../helpers/real-pages.ts';

/**
 * Real store pages (see ../shared/data/real-pages/README.md for where each comes from and what it
 * should yield), read as bytes and decoded as the crawler does. They are not published with the
 * repository: without the folder every test here is skipped under a name that says why, and
 * extract-pages.test.ts checks our own pages of the same kinds.
 */
function read(file: string, pageUrl: string): Findings {
  const { html } = decodeHtml(readRealPage(file), 'text/html');
  return extractFindings(html, pageUrl);
}

warnWhenRealPagesAbsent('the extractor on the real third-party store pages');

const visible = <T extends { hidden: boolean }>(items: T[]) => items.filter((item) => !item.hidden);

describe.skipIf(!REAL_PAGES_PRESENT)(
  REAL_PAGES_PRESENT ? 'real third-party pages from ../shared/data/real-pages' : REAL_PAGES_SKIPPED,
  () => {
    test('every page in the folder is covered here (a wrong path must not pass as zero pages)', () => {
      expect(
        fs
          .readdirSync(REAL_PAGES_DIR)
          .filter((name) => name.endsWith('.html'))
          .sort(),
      ).toEqual([
        'cn_j1com_footer_index.html',
        'cn_shopin_net_copy_license.html',
        'cn_shopin_net_license.html',
        'cn_suning_home_2016.html',
        'cn_tmall_footer_alihealth.html',
      ]);
    });

    describe.each([
      ['cn_shopin_net_license.html', '上品折扣网 - 实体店应季正品保障，全网底价折扣'],
      ['cn_shopin_net_copy_license.html', '网站营业执照信息'],
    ])('%s: shopin.net license page', (file, title) => {
      let f: Findings;
      beforeAll(() => {
        f = read(file, 'http://www.shopin.net/help/license.html');
      });

      test('the company name, not the site name (网站名称) nor the company type (企业类型)', () => {
        expect(f.names).toEqual([
          {
            text: '北京上品科技发展有限责任公司',
            normalized: '北京上品科技发展有限责任公司',
            source: 'text',
            hidden: false,
          },
        ]);
      });

      test('the pre-2015 registration number and no USCC (nor the phone number 4008980808)', () => {
        expect(f.registrationNumbers).toEqual([{ number: '110108011032216', source: 'text', hidden: false }]);
        expect(f.codes).toEqual([]);
      });

      test('no links, pictures or marks of a license; an ordinary page', () => {
        expect(f.licenseLinks).toEqual([]);
        expect(f.licenseImages).toEqual([]);
        expect(f.trustMarks).toEqual([]);
        expect(f.page).toMatchObject({ title, scriptCount: 0, captcha: false });
      });
    });

    describe('cn_j1com_footer_index.html: j1.com footer', () => {
      let f: Findings;
      beforeAll(() => {
        f = read('cn_j1com_footer_index.html', 'https://www.j1.com/');
      });

      test('the Shanghai market regulator license badge, with its entyId as id', () => {
        expect(f.licenseLinks).toEqual([
          {
            href: 'http://www.sgs.gov.cn/lz/licenseLink.do?method=licenceView&entyId=20110510115725380',
            host: 'www.sgs.gov.cn',
            id: '20110510115725380',
            text: '',
            hidden: false,
            issuer: 'shanghai-lz',
          },
        ]);
      });

      test('the knet.cn 可信网站 seal, installed as a script', () => {
        expect(f.trustMarks).toContainEqual({
          issuerHost: 'kxlogo.knet.cn',
          id: 'e13030111010039345f97y000000',
          text: '',
          attributes: {},
        });
        expect(f.trustMarks.map((mark) => mark.issuerHost)).toEqual([
          'www.miibeian.gov.cn',
          'www.sgs.gov.cn',
          'webscan.360.cn',
          'kxlogo.knet.cn',
        ]);
      });

      test('the operator in the copyright line; no code in the ICP number or the phone number', () => {
        expect(f.names.map((name) => name.text)).toEqual(['上海华源大药房连锁经营有限公司']);
        expect(f.codes).toEqual([]);
        expect(f.registrationNumbers).toEqual([]);
        expect(f.licenseImages).toEqual([]);
      });

      test('the JSP scriptlets and tracking scripts count as scripts', () => {
        expect(f.page.scriptCount).toBe(6);
        expect(f.page.captcha).toBe(false);
      });
    });

    describe('cn_tmall_footer_alihealth.html: Tmall footer with the Ali Health pharmacy block', () => {
      let f: Findings;
      beforeAll(() => {
        f = read('cn_tmall_footer_alihealth.html', 'https://www.tmall.com/');
      });
      const GZ =
        'http://air.gzaic.gov.cn:88/outsys/commonquery/viewBusinessLicence?uniscid=91440101681325547Y&regno=440106000067508';
      const ZJ = 'http://idinfo.zjamr.zj.gov.cn//bscx.do?method=lzxx&id=3301843301840000201049';

      test('the Guangzhou license page carries USCC 91440101681325547Y, inside the display:none block', () => {
        expect(f.licenseLinks).toEqual([
          {
            href: GZ,
            host: 'air.gzaic.gov.cn:88',
            code: '91440101681325547Y',
            codeValid: true,
            text: '阿里健康大药房营业执照',
            hidden: true,
            issuer: 'guangzhou-licence',
          },
          {
            href: ZJ,
            host: 'idinfo.zjamr.zj.gov.cn',
            id: '3301843301840000201049',
            text: '',
            hidden: true,
            issuer: 'zhejiang-lzxx',
          },
        ]);
        expect(f.codes).toEqual([
          {
            text: '91440101681325547Y',
            code: '91440101681325547Y',
            valid: true,
            source: 'license_link',
            hidden: true,
          },
        ]);
        expect(f.registrationNumbers).toEqual([
          { number: '440106000067508', source: 'license_link', hidden: true },
        ]);
      });

      test('nothing of the identity is visible; the license numbers (浙B2-20110446, 国A20150001...) are no codes', () => {
        expect(visible(f.codes)).toEqual([]);
        expect(visible(f.licenseLinks)).toEqual([]);
        expect(f.names).toEqual([]);
      });

      test('the public-security filing badges and the Zhejiang license badge are marks', () => {
        expect(f.trustMarks.map(({ issuerHost, id }) => ({ issuerHost, id }))).toEqual([
          { issuerHost: 'www.beian.gov.cn', id: '44010602001483' },
          { issuerHost: 'www.beian.gov.cn', id: '33010002000120' },
          { issuerHost: 'idinfo.zjamr.zj.gov.cn', id: '3301843301840000201049' },
          { issuerHost: 'sq.ccm.gov.cn', id: undefined },
        ]);
      });
    });

    describe('cn_suning_home_2016.html: Suning home page', () => {
      let f: Findings;
      beforeAll(() => {
        f = read('cn_suning_home_2016.html', 'https://www.suning.com/');
      });

      test('the Jiangsu electronic business license badge, with its serial as id', () => {
        expect(f.licenseLinks).toHaveLength(1);
        expect(f.licenseLinks[0]).toMatchObject({
          host: 'www.jsgsj.gov.cn:60101',
          id: '320000163820130117100000009630',
          text: '电子营业执照',
          hidden: false,
        });
        expect(f.licenseLinks[0]!.href).toMatch(
          /^http:\/\/www\.jsgsj\.gov\.cn:60101\/keyLicense\/verifKey\.jsp\?serial=320000163820130117100000009630&signData=/,
        );
        expect(f.licenseLinks[0]!.code).toBeUndefined();
      });

      test('the search.szfw.org 诚信网站 seal', () => {
        expect(f.trustMarks[0]).toEqual({
          href: 'https://search.szfw.org/cert/l/CX20111018000608000610',
          imgSrc: 'http://img.suning.cn/public/v3/images/chengxin.png',
          issuerHost: 'search.szfw.org',
          id: 'CX20111018000608000610',
          text: '诚信网站',
          attributes: {},
        });
      });

      test('the operator from the copyright line; the 18-digit picture name of an agent certificate is no code', () => {
        expect(f.names.map((name) => name.text)).toEqual(['苏宁云商集团股份有限公司']);
        expect(f.codes).toEqual([]);
        expect(f.licenseImages).toEqual([]); // the 电子营业执照 picture is the badge of the license link
      });

      test('page signals', () => {
        expect(f.page).toMatchObject({ title: '首页', scriptCount: 6, captcha: false });
        expect(f.page.textLength).toBeGreaterThan(1000);
      });
    });
  },
);
