/** One word tesseract read, with its confidence (0-100) and box in pixels. */
export interface OcrWord {
  text: string;
  confidence: number;
  box: { left: number; top: number; width: number; height: number };
}

export interface OcrLine {
  text: string;
  /** Mean confidence of its words. */
  confidence: number;
  words: OcrWord[];
}

/** The page's text, line by line, with where each word sits in it. */
export interface OcrText {
  text: string;
  lines: OcrLine[];
  /** [start, end) of each word in `text`, in the order of `lines`' words. */
  spans: Array<{ start: number; end: number; word: OcrWord }>;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Reads tesseract's TSV (level 5 rows are words) into lines of text. Words are joined the way the
 * licence shows them: two Chinese words touching are one run of text (chi_sim cuts 杭州青山日用品 into
 * several words), while a gap wider than 1.5 times the line's height (letter spacing stays under it) (the space between a label and its
 * value) or a gap between Latin letters and digits becomes one space, so the code and name scanners of
 * crawlers/extract see "名称 杭州...有限公司" and "统一社会信用代码 9133...".
 */
export function parseTsv(tsv: string): OcrText {
  const byLine = new Map<string, OcrWord[]>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = cells.slice(11).join('\t').trim();
    if (!text) continue;
    const key = cells.slice(1, 5).join('.');
    const word: OcrWord = {
      text,
      confidence: Math.max(0, Number(cells[10])),
      box: { left: +cells[6]!, top: +cells[7]!, width: +cells[8]!, height: +cells[9]! },
    };
    (byLine.get(key) ?? byLine.set(key, []).get(key)!).push(word);
  }
  const lines: OcrLine[] = [];
  const spans: OcrText['spans'] = [];
  let text = '';
  for (const words of byLine.values()) {
    if (lines.length > 0) text += '\n';
    const height = median(words.map((w) => w.box.height));
    let lineText = '';
    words.forEach((word, i) => {
      const before = words[i - 1];
      if (before) {
        const gap = word.box.left - (before.box.left + before.box.width);
        const bothCjk = CJK.test(before.text.at(-1)!) && CJK.test(word.text[0]!);
        if (gap > height * 1.5 || !bothCjk) {
          lineText += ' ';
          text += ' ';
        }
      }
      spans.push({ start: text.length, end: text.length + word.text.length, word });
      lineText += word.text;
      text += word.text;
    });
    const confidence = words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
    lines.push({ text: lineText, confidence, words });
  }
  return { text, lines, spans };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The lowest confidence of the words that overlap text[start, end); 0 when none does. */
export function confidenceOf(ocr: OcrText, start: number, end: number): number {
  let lowest = Infinity;
  for (const span of ocr.spans)
    if (span.start < end && span.end > start) lowest = Math.min(lowest, span.word.confidence);
  return Number.isFinite(lowest) ? lowest : 0;
}
