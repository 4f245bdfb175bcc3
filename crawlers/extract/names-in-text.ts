import type { FindingSource, NameCandidate } from '../types.ts';
import {
  CODE_LABELS,
  COMPANY_SUFFIXES,
  FIELD_LABELS,
  INDIVIDUAL_SUFFIXES,
  NAME_LABELS,
  WEAK_NAME_LABELS,
  alternation,
} from './labels.ts';
import { normalizeCompanyName } from './names.ts';

/**
 * Company names in running text, two ways:
 *
 * - after a name label followed by a colon or a cell boundary (名称：..., 经营者名称：...), up to the
 *   next field label, line end or separating punctuation, when it ends in a legal form or in what the
 *   names of individual businesses end in (...服装店, ...商行, ...工作室): "营业执照：点击查看" is no name;
 * - anywhere, a string ending in a legal form (有限公司, 股份有限公司, 合伙企业...), read backwards over
 *   Chinese characters, Latin letters, digits and brackets. A space is read only next to a bracket
 *   ("某某 (上海) 贸易有限公司"); any other space ends the name, so "沪ICP备09007253号 上海某某有限公司"
 *   gives the company alone.
 */

const NAME_LABEL = alternation(NAME_LABELS);
const FIELD_LABEL = alternation(FIELD_LABELS, 'i');
const SUFFIX = new RegExp(
  `(?:${COMPANY_SUFFIXES.join('|')})(?:[（(](?:有限合伙|普通合伙|特殊普通合伙)[)）])?(?:[\\u4e00-\\u9fff]{2,8}分公司)?`,
  'g',
);
const LEGAL_FORM = new RegExp(SUFFIX.source);
export const LEGAL_FORM_AT_END = new RegExp(`(?:${SUFFIX.source})\\s*$`);
// 某某服装店, 某某工作室（个体工商户）
export const INDIVIDUAL_FORM_AT_END = new RegExp(
  `(?:${INDIVIDUAL_SUFFIXES.join('|')})(?:[（(][^（()）]{1,12}[)）])?\\s*$`,
);
const VALUE_END = /[\n,，;；|｜。!！?？、]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const NAME_CHAR = /[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a·&＆]/;
const OPEN = '(（【[〔';
const CLOSE = ')）】]〕';
const MAX_NAME = 60;
// Words that introduce the name in a sentence rather than belong to it ("版权所有：", "本网站由...").
const LEAD_IN = alternation([
  ...NAME_LABELS,
  '版权所有',
  '主办单位',
  '运营单位',
  '开办者',
  '运营方',
  '本网站由',
  '本站由',
  '本店由',
  // "技术支持由某某有限公司提供": the sentence, not the name (issue 17, real pages)
  '技术支持由',
  '技术支持',
  '服务提供方',
  '服务提供商',
]);

export interface NameScanOptions {
  source: FindingSource;
  isHidden: (start: number, end: number) => boolean;
}

function candidate(text: string, options: NameScanOptions, start: number, end: number): NameCandidate | null {
  const shown = text
    .slice(start, end)
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim(); // U+3000 stays as shown
  const normalized = normalizeCompanyName(shown);
  let cjk = 0;
  for (const ch of normalized) if (CJK.test(ch) && ++cjk >= 2) break;
  if (cjk < 2 || normalized.length > MAX_NAME) return null;
  return { text: shown, normalized, source: options.source, hidden: options.isHidden(start, end) };
}

export function namesAfterLabels(text: string, options: NameScanOptions): NameCandidate[] {
  const out: NameCandidate[] = [];
  NAME_LABEL.lastIndex = 0;
  for (let m = NAME_LABEL.exec(text); m; m = NAME_LABEL.exec(text)) {
    if (WEAK_NAME_LABELS.has(m[0]) && m.index > 0 && CJK.test(text[m.index - 1]!)) continue;
    const after = m.index + m[0].length;
    const colon = /^[ \u00a0\u3000]*(?:[:：]|\n)[\s]*/.exec(text.slice(after, after + 24));
    if (!colon) continue;
    const start = after + colon[0].length;
    let value = text.slice(start, start + MAX_NAME + 20);
    const stop = VALUE_END.exec(value);
    if (stop) value = value.slice(0, stop.index);
    const field = FIELD_LABEL.exec(value);
    if (field) value = value.slice(0, field.index);
    const form = LEGAL_FORM.exec(value);
    if (form) value = value.slice(0, form.index + form[0].length);
    else if (!INDIVIDUAL_FORM_AT_END.test(value)) continue;
    const found = candidate(text, options, start, start + value.length);
    if (found) out.push(found);
  }
  return out;
}

export function namesWithLegalForms(text: string, options: NameScanOptions): NameCandidate[] {
  const out: NameCandidate[] = [];
  let previousEnd = 0;
  SUFFIX.lastIndex = 0;
  for (let m = SUFFIX.exec(text); m; m = SUFFIX.exec(text)) {
    const end = m.index + m[0].length;
    // Backwards over name characters, at most MAX_NAME of them and never into the previous name:
    // linear in the text overall.
    const limit = Math.max(previousEnd, m.index - MAX_NAME);
    previousEnd = end;
    let start = m.index;
    while (start > limit) {
      const ch = text[start - 1]!;
      if (NAME_CHAR.test(ch) || OPEN.includes(ch) || CLOSE.includes(ch)) start--;
      else if (/\s/.test(ch) && start >= 2 && (isBracket(text[start - 2]!) || isBracket(text[start]!)))
        start--;
      else break;
    }
    start = afterLeadIn(text, start, m.index);
    start = skipUnbalancedOpening(text, start, m.index);
    if (m.index - start < 2) continue; // 有限责任公司(法人独资) is a company type, not a name
    const found = candidate(text, options, start, end);
    if (found) out.push(found);
  }
  return out;
}

const CODE_LABEL = alternation(CODE_LABELS);

/**
 * The name of an individual business (…服装店, …经营部, …工作室, …商行（个体工商户）) written right before a
 * code on the same line, the way licence lines run: "杭州市上城区某某服装店 统一社会信用代码：92…". Shop
 * titles end in the same words (锦绣旗舰店), so such a name is read only here, in the identity line,
 * and after a name label (namesAfterLabels); never anywhere else.
 */
export function namesBesideCodes(text: string, options: NameScanOptions): NameCandidate[] {
  const out: NameCandidate[] = [];
  CODE_LABEL.lastIndex = 0;
  for (let m = CODE_LABEL.exec(text); m; m = CODE_LABEL.exec(text)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (!/^[\s:：]*[0-9A-Za-z\uff10-\uff19\uff21-\uff3a]{15,18}/.test(after)) continue;
    const lineStart = Math.max(text.lastIndexOf('\n', m.index) + 1, m.index - MAX_NAME - 10);
    const before = text.slice(lineStart, m.index).replace(/[\s,，;；|｜:：、]+$/u, '');
    if (!INDIVIDUAL_FORM_AT_END.test(before) || LEGAL_FORM_AT_END.test(before)) continue;
    let start = lineStart + before.length;
    const end = start;
    while (start > lineStart) {
      const ch = text[start - 1]!;
      if (NAME_CHAR.test(ch) || OPEN.includes(ch) || CLOSE.includes(ch)) start--;
      else break;
    }
    start = afterLeadIn(text, start, end);
    start = skipUnbalancedOpening(text, start, end);
    const found = candidate(text, options, start, end);
    if (found) out.push(found);
  }
  return out;
}

function isBracket(ch: string): boolean {
  return OPEN.includes(ch) || CLOSE.includes(ch);
}

/** Past the last label or lead-in word inside text[start, suffixStart). */
function afterLeadIn(text: string, start: number, suffixStart: number): number {
  const prefix = text.slice(start, suffixStart);
  LEAD_IN.lastIndex = 0;
  let cut = 0;
  for (let m = LEAD_IN.exec(prefix); m; m = LEAD_IN.exec(prefix)) cut = m.index + m[0].length;
  return start + cut;
}

/** Past leading spaces, closing brackets and opening brackets that are never closed before the suffix. */
function skipUnbalancedOpening(text: string, start: number, suffixStart: number): number {
  let at = start;
  for (;;) {
    while (at < suffixStart && /\s/.test(text[at]!)) at++;
    const ch = text[at];
    if (ch === undefined || at >= suffixStart) return at;
    if (CLOSE.includes(ch)) {
      at++;
      continue;
    }
    if (!OPEN.includes(ch)) return at;
    const rest = text.slice(at + 1, suffixStart);
    if ([...CLOSE].some((close) => rest.includes(close))) return at;
    at++;
  }
}
