/**
 * How deeply JSON text nests, read from its bytes without parsing it. Deep nesting is cheap to send and
 * dear to take: JSON.parse spends about a microsecond per level (an 8 MB body of four million nested
 * arrays held the main thread for five seconds and 230 MB), and anything recursive that touches the value
 * afterwards (structured cloning it to a worker, walking it) overflows its stack at a few thousand
 * levels. So depth is measured on the bytes, before anything builds the value.
 *
 * The scan counts brackets and braces outside strings. Strings are skipped with indexOf, so its cost is
 * mostly native: a quote or backslash byte never occurs inside a multi-byte UTF-8 sequence. The text need
 * not be valid JSON; what the scan reports is then only what the brackets say (a stray closing bracket
 * counts for nothing), and the parser still judges the text.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const LINE_FEED = 0x0a;
const SPACE = 0x20;

/** The index just past the quote that closes the string whose content starts at `from`. */
function afterString(bytes: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, i);
    if (quote < 0) return bytes.length;
    // A quote is escaped when an odd number of backslashes runs up to it (only since `i`: the scan
    // never looks back past the previous quote, so it stays linear).
    let b = quote - 1;
    while (b >= i && bytes[b] === BACKSLASH) b--;
    if ((quote - 1 - b) % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** True when the JSON text in `bytes` nests deeper than `limit` containers; it stops reading there. */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) i = afterString(bytes, i + 1) - 1;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if ((b === CLOSE_ARRAY || b === CLOSE_OBJECT) && depth > 0) depth--;
  }
  return false;
}

/**
 * Cuts every container that opens deeper than `cap` (counting the outermost as 1) down to `[]`, in
 * place, and returns the deepest level seen (at most `cap + 1`). The bytes of a cut container become
 * spaces, line feeds kept, so that what follows stays at the same line and byte offset for the parser's
 * error positions. A container that never closes is cut to the end of the text, which the parser then
 * refuses at its end, as it would have. Whatever was inside a cut container is never read, valid or not.
 */
export function cutDeepJson(bytes: Uint8Array, cap: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) i = afterString(bytes, i + 1) - 1;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (depth < cap) {
        depth++;
        if (depth > deepest) deepest = depth;
        continue;
      }
      deepest = cap + 1;
      const end = closingIndex(bytes, i);
      if (end - i < 2) break; // a lone "[" at the very end: nothing to cut, and the parser refuses it
      bytes[i] = OPEN_ARRAY;
      bytes[i + 1] = CLOSE_ARRAY;
      for (let k = i + 2; k < end; k++) if (bytes[k] !== LINE_FEED) bytes[k] = SPACE;
      i = end - 1;
    } else if ((b === CLOSE_ARRAY || b === CLOSE_OBJECT) && depth > 0) depth--;
  }
  return deepest;
}

/** The index just past the bracket that closes the container opening at `open`, or the text's length. */
function closingIndex(bytes: Uint8Array, open: number): number {
  let depth = 0;
  for (let i = open; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) i = afterString(bytes, i + 1) - 1;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) depth++;
    else if ((b === CLOSE_ARRAY || b === CLOSE_OBJECT) && --depth === 0) return i + 1;
  }
  return bytes.length;
}

/** True when a parsed JSON value nests deeper than `limit` containers. Recurses at most `limit + 1` deep. */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  const members = Array.isArray(value) ? value : Object.values(value);
  for (const member of members) if (valueNestsDeeperThan(member, limit - 1)) return true;
  return false;
}
