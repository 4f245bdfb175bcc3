/**
 * Full-width forms (U+FF01–U+FF5E) and the ideographic space (U+3000) are how Chinese input methods
 * type ASCII; filings and store pages mix them freely, so codes are compared after folding them.
 */
export function foldFullWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Folds full-width characters, removes every kind of white space and upper-cases: the form codes are kept in. */
export function compactCode(text: string): string {
  return foldFullWidth(text).replace(/\s+/gu, '').toUpperCase();
}
