import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractFindings } from '../../crawlers/extract/index.ts';
import { judge } from '../../crawlers/verify/judge.ts';
import { REPO } from '../helpers/cli.ts';

/**
 * The classes of real page the verifier judged wrong (issue 17), on pages of our own for each
 * (fixtures/pages/misjudged): official licence links without a code in the URL, the bare 营业执照 label,
 * invisible captcha tokens, another company's name, individual businesses' names beside a code; and those
 * the real-page corpus showed next: an official link beside another company, links named a licence,
 * masked codes, a name inside a sentence.
 */
const DIR = path.join(REPO, 'fixtures/pages/misjudged');
interface Case {
  file: string;
  class: number;
  filed: { name: string; uscc: string };
  verdict: string;
  reason?: string;
  detail?: string;
  captcha?: boolean;
  why: string;
}
const cases = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as Case[];

describe.each(cases.map((c) => [`class ${c.class}: ${c.file} (${c.filed.name}) → ${c.verdict}`, c] as const))(
  '%s',
  (_name, c) => {
    test(c.why, () => {
      const html = fs.readFileSync(path.join(DIR, c.file), 'utf8');
      const findings = extractFindings(html, 'https://shop.example.cn/store/1');
      const j = judge(findings, c.filed);
      expect({ verdict: j.verdict, reason: j.reason }, j.detail).toEqual({
        verdict: c.verdict,
        reason: c.reason,
      });
      if (c.detail) expect(j.detail).toContain(c.detail);
      if (c.captcha !== undefined) expect(findings.page.captcha).toBe(c.captcha);
    });
  },
);

describe('what the pages are read as', () => {
  const read = (file: string) =>
    extractFindings(fs.readFileSync(path.join(DIR, file), 'utf8'), 'https://shop.example.cn/store/1');

  test('the national serial gives its code, marked as the official form', () => {
    expect(read('official-link-national-serial.html').licenseLinks).toEqual([
      expect.objectContaining({ issuer: 'gsxt-national', code: '91310115MA1K4B2C3J', codeValid: true }),
    ]);
  });

  test('a shop title is not read as an individual business; the name in the licence line is', () => {
    const names = read('individual-business-beside-code.html').names.map((n) => n.text);
    expect(names).toContain('杭州市西湖区锦绣服装店');
    expect(names).not.toContain('锦绣服饰旗舰店');
  });

  test('a visible captcha answer field on a short page is still an interstitial', () => {
    const html =
      '<html><head><title>安全验证</title></head><body><p>请输入验证码后继续访问</p><img src="/captcha.png"><input name="captcha"></body></html>';
    expect(extractFindings(html, 'https://shop.example.cn/').page.captcha).toBe(true);
    expect(
      extractFindings(
        '<html><body><p>请输入图中字符</p><img src="/c.png"><input name="verifycode"></body></html>',
        'https://shop.example.cn/',
      ).page.captcha,
    ).toBe(true);
  });
});
