import { describe, expect, it } from 'vitest';
import {
  CONFIDENCE_RULE,
  fieldsOf,
  judgeLicenceReading,
  parseTsv,
  type LicenceReading,
} from '../../crawlers/ocr/index.ts';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { USCC_SHAPE } from '../../crawlers/extract/codes.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const NAME = '杭州青山日用品贸易有限公司';
const CODE17 = '91330106MA2B7K3Q8';
const CODE = CODE17 + usccCheckCharacter(CODE17);
const FILED = { name: NAME, uscc: CODE };

/** A TSV as tesseract writes it: one line per [words with confidences], words 30 px apart. */
function tsv(lines: Array<Array<[string, number]>>): string {
  const rows = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  ];
  lines.forEach((words, l) => {
    let left = 0;
    words.forEach(([text, conf], w) => {
      const width = text.length * 20;
      rows.push(
        ['5', '1', '1', '1', String(l + 1), String(w + 1), left, l * 40, width, 20, conf, text].join('\t'),
      );
      left += width + (w === 0 ? 150 : 2); // a wide gap after the label, letter spacing after that
    });
  });
  return rows.join('\n') + '\n';
}

function reading(code: string, codeConf: number, name = NAME, nameConf = 95): LicenceReading {
  return {
    ...fieldsOf(
      parseTsv(
        tsv([
          [['营业执照', 95]],
          [
            ['统一社会信用代码', 95],
            [code, codeConf],
          ],
          [
            ['名称', 95],
            [name.slice(0, 4), nameConf],
            [name.slice(4), nameConf],
          ],
          [
            ['类型', 95],
            ['其他股份有限公司', 95],
          ],
        ]),
      ),
    ),
    secondPass: null,
    image: { format: 'png', width: 960, height: 540, bytes: 1000 },
    ms: 1,
    engine: 'test',
  };
}

describe('fieldsOf', () => {
  it('reads the code and the name from the licence rows, not the company type', () => {
    const r = reading(CODE, 60);
    expect(r.codes).toEqual([
      { pass: 1, code: CODE, text: CODE, valid: true, confidence: 60, confident: true },
    ]);
    expect(r.names.map((n) => n.text)).toEqual([NAME]);
    expect(r.text).toContain(`名称 ${NAME}`);
    expect(r.confident).toBe(true);
  });

  it('reports a code whose check character fails as it was read, never corrected', () => {
    const wrong = CODE17 + ALPHABET[(ALPHABET.indexOf(CODE.at(-1)!) + 1) % 31];
    const r = reading(wrong, 95);
    expect(r.codes).toEqual([expect.objectContaining({ code: wrong, valid: false })]);
    expect(r.confident).toBe(false);
  });

  it('takes the confidence of a field from its least confident word', () => {
    expect(reading(CODE, CONFIDENCE_RULE.validCode - 1).codes[0]!.confident).toBe(false);
    expect(reading(CODE, 60, NAME, CONFIDENCE_RULE.name - 1).names[0]!.confident).toBe(false);
  });
});

describe('judgeLicenceReading', () => {
  it('the filed code and name read: compliant', () => {
    expect(judgeLicenceReading(reading(CODE, 60), FILED)).toMatchObject({
      verdict: 'compliant',
      shown: { name: NAME, uscc: CODE },
    });
  });

  it('the filed code with another name read confidently: identity_mismatch', () => {
    expect(judgeLicenceReading(reading(CODE, 60, '成都海棠电子科技有限公司'), FILED).verdict).toBe(
      'identity_mismatch',
    );
  });

  it('the filed code with the filed name misread by a character: still compliant', () => {
    expect(judgeLicenceReading(reading(CODE, 60, '杭州青山日用晶贸易有限公司'), FILED).verdict).toBe(
      'compliant',
    );
  });

  it('another valid code and another name: identity_mismatch', () => {
    const other = '91510107MA6C2XN4H' + usccCheckCharacter('91510107MA6C2XN4H');
    expect(judgeLicenceReading(reading(other, 60, '成都海棠电子科技有限公司'), FILED)).toMatchObject({
      verdict: 'identity_mismatch',
      shown: { uscc: other },
    });
  });

  it('another valid code beside the filed name: a misread code, inconclusive', () => {
    const other = '91510107MA6C2XN4H' + usccCheckCharacter('91510107MA6C2XN4H');
    expect(judgeLicenceReading(reading(other, 60), FILED)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'image_only',
    });
  });

  it('nothing read confidently: inconclusive / image_only', () => {
    expect(judgeLicenceReading(reading(CODE, 10, NAME, 10), FILED)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'image_only',
    });
  });

  it('a code read wrong never passes: every single-character change of the filed code', () => {
    for (let i = 0; i < 18; i++) {
      for (const ch of ALPHABET) {
        if (ch === CODE[i]) continue;
        const misread = CODE.slice(0, i) + ch + CODE.slice(i + 1);
        for (const [codeConf, nameConf] of [
          [99, 99],
          [60, 99],
          [40, 50],
        ] as const) {
          const j = judgeLicenceReading(reading(misread, codeConf, NAME, nameConf), FILED);
          expect(j.verdict, `${misread} read at ${codeConf}`).not.toBe('compliant');
          // Confident and the rest confident: a wrong code on the licence; otherwise no charge.
          // A misread without the code's shape (a 0 first, a letter among the area digits) is no code.
          const charge =
            USCC_SHAPE.test(misread) &&
            codeConf >= CONFIDENCE_RULE.invalidCode &&
            nameConf >= CONFIDENCE_RULE.name;
          expect(j.verdict, `${misread} read at ${codeConf}/${nameConf}`).toBe(
            charge ? 'identity_mismatch' : 'inconclusive',
          );
        }
      }
    }
  });
});
