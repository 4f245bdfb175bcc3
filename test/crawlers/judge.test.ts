import { describe, expect, test } from 'vitest';
import { emptyFindings } from '../../crawlers/extract/index.ts';
import { judge } from '../../crawlers/verify/judge.ts';
import type { CodeCandidate, Findings, NameCandidate } from '../../crawlers/types.ts';

const FILED = { name: '杭州示例商贸（集团）有限公司', uscc: '91330106673959654P' };
const OTHER_CODE = '91110108795101314G';
const BAD_CHECK = '91330106673959654A';

function findings(parts: Partial<Findings> = {}): Findings {
  return {
    ...emptyFindings(),
    page: { title: 'store', textLength: 2000, scriptCount: 0, captcha: false },
    ...parts,
  };
}
const name = (text: string, hidden = false): NameCandidate => ({
  text,
  normalized: text,
  source: 'text',
  hidden,
});
const code = (value: string, valid = true, hidden = false): CodeCandidate => ({
  text: value,
  code: value,
  valid,
  source: 'text',
  hidden,
});

describe('verdicts', () => {
  test('the filed code and name (brackets and spaces aside) are compliant', () => {
    const j = judge(
      findings({ names: [name('杭州示例商贸 (集团) 有限公司')], codes: [code(FILED.uscc)] }),
      FILED,
    );
    expect(j).toMatchObject({
      verdict: 'compliant',
      comparison: { name: 'match', uscc: 'match', shown: { uscc: FILED.uscc } },
    });
    expect(j.reason).toBeUndefined();
  });

  test('the filed code with no name, or carried by a license link or JSON-LD, is compliant', () => {
    expect(judge(findings({ codes: [code(FILED.uscc)] }), FILED)).toMatchObject({
      verdict: 'compliant',
      comparison: { name: 'absent' },
    });
    const link = {
      href: 'http://127.0.0.1/license/verify?uscc=x',
      host: '127.0.0.1',
      code: FILED.uscc,
      codeValid: true,
      text: '',
      hidden: false,
    };
    expect(judge(findings({ licenseLinks: [link] }), FILED).verdict).toBe('compliant');
    expect(
      judge(findings({ jsonLd: [{ legalName: FILED.name, taxID: ` ${FILED.uscc.toLowerCase()} ` }] }), FILED)
        .verdict,
    ).toBe('compliant');
  });

  test("the platform's own identity beside the seller's does not spoil a match", () => {
    const j = judge(
      findings({
        names: [name('平台运营有限公司'), name(FILED.name)],
        codes: [code(OTHER_CODE), code(FILED.uscc)],
      }),
      FILED,
    );
    expect(j.verdict).toBe('compliant');
  });

  test('another valid code, a wrong check character, or another name with the filed code are mismatches', () => {
    expect(judge(findings({ names: [name(FILED.name)], codes: [code(OTHER_CODE)] }), FILED)).toMatchObject({
      verdict: 'identity_mismatch',
      comparison: { uscc: 'mismatch', name: 'match', shown: { uscc: OTHER_CODE } },
    });
    expect(judge(findings({ codes: [code(BAD_CHECK, false)] }), FILED)).toMatchObject({
      verdict: 'identity_mismatch',
      comparison: { uscc: 'invalid_check_character', shown: { uscc: BAD_CHECK } },
    });
    expect(
      judge(findings({ names: [name('别家有限公司')], codes: [code(FILED.uscc)] }), FILED),
    ).toMatchObject({
      verdict: 'identity_mismatch',
      comparison: { uscc: 'match', name: 'mismatch', shown: { name: '别家有限公司' } },
    });
  });

  test('nothing shown, only the name, or only hidden identity is missing', () => {
    expect(judge(findings(), FILED)).toMatchObject({
      verdict: 'identity_missing',
      detail: 'the page shows no business identity',
    });
    expect(judge(findings({ names: [name(FILED.name)] }), FILED)).toMatchObject({
      verdict: 'identity_missing',
      comparison: { name: 'match', uscc: 'absent' },
    });
    const hidden = judge(
      findings({ names: [name(FILED.name, true)], codes: [code(FILED.uscc, true, true)] }),
      FILED,
    );
    expect(hidden).toMatchObject({
      verdict: 'identity_missing',
      detail: 'the identity is only in hidden elements',
    });
  });

  test('what cannot be read for what it shows is inconclusive, never a violation', () => {
    const captcha = findings({ page: { title: '安全验证', textLength: 40, scriptCount: 2, captcha: true } });
    expect(judge(captcha, FILED)).toMatchObject({ verdict: 'inconclusive', reason: 'captcha' });
    const picture = findings({
      licenseImages: [{ src: 'http://x/yyzz.png', alt: '营业执照', reason: 'alt' }],
    });
    expect(judge(picture, FILED)).toMatchObject({ verdict: 'inconclusive', reason: 'image_only' });
    const legacy = findings({
      names: [name(FILED.name)],
      registrationNumbers: [{ number: '110108011032216', source: 'text', hidden: false }],
    });
    expect(judge(legacy, FILED)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'legacy_registration_number',
    });
    expect(judge(findings(), FILED, true)).toMatchObject({ verdict: 'inconclusive', reason: 'too_large' });
  });

  test('a cut-off page that already shows the identity is judged on what it shows', () => {
    expect(judge(findings({ codes: [code(FILED.uscc)] }), FILED, true).verdict).toBe('compliant');
    expect(judge(findings({ codes: [code(OTHER_CODE)] }), FILED, true).verdict).toBe('identity_mismatch');
  });
});

describe('natural persons and nothing filed', () => {
  const PERSON = { name: '王小明', uscc: null };

  test('a natural person is compared by name only', () => {
    expect(judge(findings({ names: [name('王小明')] }), PERSON)).toMatchObject({
      verdict: 'compliant',
      comparison: { uscc: 'not_filed' },
    });
    expect(judge(findings({ names: [name('李四')] }), PERSON).verdict).toBe('identity_mismatch');
    expect(judge(findings(), PERSON).verdict).toBe('identity_missing');
  });

  test('with nothing to compare against, a valid code is enough and a broken one is a mismatch', () => {
    const none = { name: '', uscc: null };
    expect(judge(findings({ names: [name('某某有限公司')], codes: [code(OTHER_CODE)] }), none)).toMatchObject(
      {
        verdict: 'compliant',
        comparison: { name: 'not_filed', uscc: 'not_filed', shown: { uscc: OTHER_CODE } },
      },
    );
    expect(judge(findings({ codes: [code(BAD_CHECK, false)] }), none).verdict).toBe('identity_mismatch');
    expect(judge(findings({ names: [name('某某有限公司')] }), none).verdict).toBe('identity_missing');
  });

  test('only the code expected: names on the page do not matter', () => {
    expect(
      judge(findings({ names: [name('别家有限公司')], codes: [code(FILED.uscc)] }), {
        name: '',
        uscc: FILED.uscc,
      }),
    ).toMatchObject({
      verdict: 'compliant',
      comparison: { name: 'not_filed', uscc: 'match' },
    });
  });
});
