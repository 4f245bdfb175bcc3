import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';

/**
 * Parses a page with cheerio's spec-compliant parser (parse5), as a browser would.
 *
 * parse5 scans its stack of open elements for most start tags, so a page nesting N elements costs
 * O(N²): 20 000 nested <div>s take seconds, 200 000 minutes. Browsers cap the depth instead (Blink
 * attaches elements past depth 512 to the 512th ancestor). A linear pre-scan estimates the depth; only
 * a page that passes MAX_DEPTH is rewritten, with the start and end tags beyond the cap dropped (their
 * text stays), which bounds the parser's work at O(n · MAX_DEPTH).
 *
 * Scripting is on, as in every browser a visitor uses, so <noscript> holds its markup as one string;
 * the walker parses that string with parseFragment and reports what is in it, as hidden.
 */
export const MAX_DEPTH = 512;

export function parseHtml(html: string): AnyNode {
  return load(capNesting(html, MAX_DEPTH)).root()[0]!;
}

export function parseFragment(html: string): AnyNode {
  return load(capNesting(html, MAX_DEPTH), {}, false).root()[0]!;
}

const VOID = new Set(
  'area base basefont bgsound br col command embed frame hr image img input keygen link meta param source track wbr'.split(
    ' ',
  ),
);
// Elements a browser closes by itself when a sibling starts (<li><li>, <td><td>...): they do not nest.
const SELF_CLOSING_SIBLINGS = new Set(
  'p li dt dd td th tr option optgroup rb rt rp rtc tbody thead tfoot colgroup caption html head body'.split(
    ' ',
  ),
);
// A tag name right after "<" or "</": the rest of the tag is found with indexOf, never with a regex
// that could run to the end of the input for every "<".
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)/g;

interface Tag {
  start: number;
  /** Just past the ">" that ends it. */
  end: number;
  closing: boolean;
  nests: boolean;
}

function* tags(html: string): Generator<Tag> {
  let gt = -1; // the first ">" at or after the current tag, cached: later tags search from there
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (gt < m.index) gt = html.indexOf('>', m.index);
    if (gt < 0) return; // an unterminated tag: the parser treats the rest as attributes
    const name = m[2]!.toLowerCase();
    const selfClosed = html.charCodeAt(gt - 1) === 0x2f; // "/>", as in inline SVG
    const nests = !VOID.has(name) && !SELF_CLOSING_SIBLINGS.has(name) && !selfClosed;
    yield { start: m.index, end: gt + 1, closing: m[1] === '/', nests };
  }
}

/** The deepest nesting the tags suggest (an estimate: it does not know implied end tags). */
function estimatedDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const tag of tags(html)) {
    if (!tag.nests) continue;
    depth = tag.closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

export function capNesting(html: string, maxDepth: number): string {
  if (estimatedDepth(html) <= maxDepth) return html;
  const kept: string[] = [];
  let from = 0;
  let depth = 0;
  let dropped = 0; // start tags dropped past the cap: as many end tags are dropped after them
  for (const tag of tags(html)) {
    if (!tag.nests) continue;
    let drop = false;
    if (!tag.closing) {
      if (depth < maxDepth) {
        depth++;
      } else {
        dropped++;
        drop = true;
      }
    } else if (dropped > 0) {
      dropped--;
      drop = true;
    } else {
      depth = Math.max(0, depth - 1);
    }
    if (drop) {
      if (tag.start > from) kept.push(html.slice(from, tag.start));
      from = Math.max(from, tag.end);
    }
  }
  kept.push(html.slice(from));
  return kept.join('');
}
