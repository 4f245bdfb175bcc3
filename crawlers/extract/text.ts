/**
 * The page's text as one string, the way a visitor reads it: inline elements run together (a code
 * split over `<span>`s is one word again), block elements and `<br>` start a new line, runs of HTML
 * white space are one space. Hidden parts stay in the text, but their ranges are kept, and a second
 * string holds the visible text alone: a hidden `<span>` of decoy digits inside a code must not break
 * the code a visitor sees.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private readonly visibleParts: string[] = [];
  private readonly hidden: number[] = []; // [start, end, start, end, ...], sorted, not overlapping
  private length = 0;
  private last = '\n';
  private visibleLast = '\n';

  appendText(data: string, hidden: boolean): void {
    let text = /[\t\n\r\f]| {2}/.test(data) ? data.replace(/[ \t\n\r\f]+/g, ' ') : data;
    if (text === ' ' || text === '') {
      if (this.last !== ' ' && this.last !== '\n' && text === ' ') this.push(' ', hidden);
      return;
    }
    if (text.startsWith(' ') && (this.last === ' ' || this.last === '\n')) text = text.slice(1);
    this.push(text, hidden);
  }

  /** A block boundary: a new line unless the text already stands at the start of one. */
  appendBreak(): void {
    if (this.last !== '\n') {
      this.parts.push('\n');
      this.length += 1;
      this.last = '\n';
    }
    if (this.visibleLast !== '\n') {
      this.visibleParts.push('\n');
      this.visibleLast = '\n';
    }
  }

  get offset(): number {
    return this.length;
  }

  build(): PageText {
    return new PageText(this.parts.join(''), this.visibleParts.join(''), this.hidden);
  }

  private push(text: string, hidden: boolean): void {
    const start = this.length;
    this.parts.push(text);
    this.length += text.length;
    this.last = text[text.length - 1]!;
    if (hidden) {
      const n = this.hidden.length;
      if (n > 0 && this.hidden[n - 1] === start) this.hidden[n - 1] = this.length;
      else this.hidden.push(start, this.length);
      return;
    }
    let visible = text;
    if (visible.startsWith(' ') && (this.visibleLast === ' ' || this.visibleLast === '\n'))
      visible = visible.slice(1);
    if (visible === '') return;
    this.visibleParts.push(visible);
    this.visibleLast = visible[visible.length - 1]!;
  }
}

export class PageText {
  constructor(
    /** All text of the body, hidden parts included. */
    readonly all: string,
    /** Only what a visitor sees. */
    readonly visible: string,
    private readonly hiddenRanges: readonly number[],
  ) {}

  /** True when any character of all[start, end) is hidden. */
  isHidden(start: number, end: number): boolean {
    const ranges = this.hiddenRanges;
    // Binary search for the first range that ends after `start`.
    let lo = 0;
    let hi = ranges.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranges[mid * 2 + 1]! <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < ranges.length / 2 && ranges[lo * 2]! < end;
  }

  /** all[start, end) with white space collapsed and trimmed. */
  slice(start: number, end: number): string {
    return collapse(this.all.slice(start, end));
  }
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** collapse(text).length, without building the string (pages run to megabytes). */
export function collapsedLength(text: string): number {
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) {
      pendingSpace = length > 0;
    } else {
      if (pendingSpace) length++;
      pendingSpace = false;
      length++;
    }
  }
  return length;
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

/**
 * foldFullWidth (crawlers/lib/width.ts) for long text: the same mapping, one UTF-16 unit to one, so
 * offsets into the folded text are offsets into the original; replace() only touches what it changes.
 */
export function foldWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
