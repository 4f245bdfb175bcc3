/**
 * Characters that no filed text may hold: the C0 controls (U+0000-U+001F), DEL (U+007F), the C1
 * controls (U+0080-U+009F) and lone surrogates (a "\ud800" escape in JSON parses to one; it is no
 * character and cannot be written as UTF-8). A NUL cuts strings short in C libraries and terminals, escape
 * sequences rewrite a regulator's terminal, and none of them belongs in a name. Free text (an address,
 * a reason) may hold tab, line feed and carriage return: people paste those from forms and letters.
 *
 * One linear regular expression each (a single character class, so no backtracking); with the `u` flag a
 * surrogate pair is one code point above U+FFFF, so the class matches a surrogate only when it is alone.
 */
// eslint-disable-next-line no-control-regex
const IN_NAMES = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/u;
// eslint-disable-next-line no-control-regex
const IN_FREE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/u;

export type TextKind = 'name' | 'free_text';

/** The first character `text` may not hold, as "U+XXXX" with its position (1-based), or null. */
export function forbiddenCharacter(text: string, kind: TextKind = 'name'): string | null {
  const forbidden = kind === 'name' ? IN_NAMES : IN_FREE_TEXT;
  // test() first: it builds no match object, and almost every value passes.
  if (!forbidden.test(text)) return null;
  const found = forbidden.exec(text)!;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at character ${found.index + 1}`;
}
