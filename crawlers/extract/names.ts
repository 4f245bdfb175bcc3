import { foldFullWidth } from '../lib/width.ts';

/**
 * Company names as filed and as shown differ in ways that carry no meaning: full-width or half-width
 * brackets, 【】 used as brackets, spaces typed by hand (including U+3000 and non-breaking ones), Latin
 * letters in either case. The registered name is the same; these are folded away before comparing.
 */

// Every bracket pair a page may use around 集团, 中国, a city...; all become ( and ).
const OPENING_BRACKETS = /[[{<〔【〖〘〚［｛〈《「『｟⦅]/gu;
const CLOSING_BRACKETS = /[\]}>〕】〗〙〛］｝〉》」』｠⦆]/gu;
// Middle dots of foreign personal names (·, ・, •, ‧) all stand for the same thing.
const MIDDLE_DOTS = /[\u00b7\u2022\u2027\u30fb\uff65]/gu;
// \s covers U+3000 and U+00A0; the zero-width characters are invisible but break an equality test.
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]+/gu;

export function normalizeCompanyName(name: string): string {
  return foldFullWidth(name)
    .replace(INVISIBLE, '')
    .replace(OPENING_BRACKETS, '(')
    .replace(CLOSING_BRACKETS, ')')
    .replace(MIDDLE_DOTS, '·')
    .toLowerCase();
}

/** True when both names are the same registered name; an empty name is never the same as anything. */
export function sameCompanyName(a: string, b: string): boolean {
  const left = normalizeCompanyName(a);
  return left.length > 0 && left === normalizeCompanyName(b);
}
