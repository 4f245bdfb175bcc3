/**
 * Path normalisation and pattern matching for robots.txt rules (RFC 9309 §2.2.2, §2.2.3).
 *
 * Both sides are handled as octet strings (one char per byte, as latin1 decodes them): a rule is
 * compared by the bytes it was written with, whatever its encoding, and a URL by the UTF-8 bytes it
 * is sent as. Only ASCII is ever interpreted.
 */

/** RFC 3986 §2.3: percent-encoding these changes nothing, so %7E and ~ must compare equal. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function percentEncoded(code: number): string {
  return '%' + code.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * RFC 9309 §2.2.2: octets outside printable ASCII are percent-encoded, %XX of an unreserved character
 * is decoded, any other %XX keeps its meaning with upper-case hex digits. Reserved characters stay as
 * written: %2F and / name different resources (RFC 3986 §2.2).
 */
export function normalizeOctets(octets: string): string {
  let out = '';
  for (let i = 0; i < octets.length; i++) {
    const code = octets.charCodeAt(i);
    if (code === 0x25 && isHexDigit(octets.charCodeAt(i + 1)) && isHexDigit(octets.charCodeAt(i + 2))) {
      const byte = parseInt(octets.slice(i + 1, i + 3), 16);
      const char = String.fromCharCode(byte);
      out += UNRESERVED.test(char) ? char : percentEncoded(byte);
      i += 2;
    } else if (code <= 0x20 || code >= 0x7f) {
      out += percentEncoded(code);
    } else {
      out += octets[i];
    }
  }
  return out;
}

/**
 * The path and query of `url` (absolute or a path), normalised for matching. An empty path is '/'.
 * '*' and '$' are encoded because RFC 9309 §2.2.3 lets a rule name them literally only as %2A and %24.
 */
export function matchablePath(url: string): string {
  let rest = url;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url);
  if (scheme) {
    rest = url.slice(scheme[0].length);
    const pathStart = rest.search(/[/?#]/);
    rest = pathStart < 0 ? '' : rest.slice(pathStart);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  if (!rest.startsWith('/')) rest = '/' + rest;
  const octets = Buffer.from(rest, 'utf8').toString('latin1');
  return normalizeOctets(octets).replaceAll('*', '%2A').replaceAll('$', '%24');
}

/** A compiled allow/disallow value: literal pieces between '*' wildcards, perhaps anchored by a final '$'. */
export interface PathPattern {
  pieces: string[];
  anchored: boolean;
  /** RFC 9309 §2.2.2: the most specific rule is the one with the most octets. */
  specificity: number;
}

/** `value` is the rule's octet string as written; a '$' anywhere but at the end is a literal dollar. */
export function compilePattern(value: string): PathPattern {
  const anchored = value.endsWith('$');
  const body = normalizeOctets(anchored ? value.slice(0, -1) : value).replaceAll('$', '%24');
  return { pieces: body.split('*'), anchored, specificity: body.length + (anchored ? 1 : 0) };
}

/**
 * Leftmost-first search for each piece in turn. With only '*' wildcards the earliest place a piece fits
 * never rules out a later piece, so this is exact, and it stays O(path × pattern): a regular expression
 * built from a hostile robots.txt (/*a*a*a*a*b) could backtrack for minutes.
 */
export function patternMatches(pattern: PathPattern, path: string): boolean {
  const { pieces, anchored } = pattern;
  const first = pieces[0]!;
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !anchored || path.length === first.length;
  let pos = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const at = path.indexOf(pieces[i]!, pos);
    if (at < 0) return false;
    pos = at + pieces[i]!.length;
  }
  const last = pieces[pieces.length - 1]!;
  if (!anchored) return path.indexOf(last, pos) >= 0;
  return path.length - last.length >= pos && path.endsWith(last);
}
