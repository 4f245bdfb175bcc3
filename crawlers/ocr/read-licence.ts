import { scanIdentifiers } from '../extract/codes.ts';
import { namesAfterLabels, namesWithLegalForms } from '../extract/names-in-text.ts';
import { OcrError } from './errors.ts';
import { readImageHeader, type ImageHeader } from './image-header.ts';
import { defaultOcrPool, type OcrPool } from './pool.ts';
import { runTesseract, tesseractVersion } from './tesseract.ts';
import { confidenceOf, parseTsv, type OcrLine, type OcrText } from './tsv.ts';

/**
 * The confidence rule (docs/ocr.md). tesseract's chi_sim model gives Latin letters and digits low and
 * poorly calibrated confidences (codes read exactly scored 31 to 92 on the fixtures, misread ones up to
 * 61), so the check character, not the confidence, is what makes a valid code trustworthy: every single
 * wrong character and most swaps break it. The floors below only keep out garbage, and ask much more of
 * a code whose check character fails, since that is a charge against the store.
 */
export const CONFIDENCE_RULE = {
  /** A code whose check character holds counts as read when its words score at least this. */
  validCode: 30,
  /** A code whose check character fails counts as read (a wrong code on the licence) only from here... */
  invalidCode: 70,
  /** ...and only with a name read confidently and a page read this well (mean of all words). */
  page: 60,
  /** A name counts as read when its least confident word scores at least this. */
  name: 80,
} as const;

export interface ReadCode {
  /** 18 characters, folded and upper case. */
  code: string;
  /** As tesseract wrote it. */
  text: string;
  /** The check character holds. A code that fails it is reported as read, never corrected. */
  valid: boolean;
  /** Lowest confidence of the words it was read from, 0-100. */
  confidence: number;
  /** Counts as read under CONFIDENCE_RULE. */
  confident: boolean;
  /** The pass that read it: 1, or 2 for the fallback pass. */
  pass: 1 | 2;
}

export interface ReadName {
  text: string;
  normalized: string;
  confidence: number;
  confident: boolean;
}

export interface LicenceReading {
  /** The text tesseract read, line by line. */
  text: string;
  /** Mean confidence of all words, 0-100. */
  confidence: number;
  lines: OcrLine[];
  codes: ReadCode[];
  names: ReadName[];
  /**
   * True when a code whose check character holds was read (confident under CONFIDENCE_RULE): enough to
   * compare with a filing. When false, the store stays inconclusive / image_only.
   */
  confident: boolean;
  /** The rest of the reading is confident: a name read and a page mean ≥ CONFIDENCE_RULE.page. */
  restConfident: boolean;
  /**
   * When the first pass read no valid code: a second pass with another page segmentation mode, whose
   * codes (marked pass 2) are added to `codes`.
   */
  secondPass: { psm: number; text: string; confidence: number; ms: number } | null;
  image: ImageHeader & { bytes: number };
  /** tesseract's own time over both passes, queue wait excluded, in milliseconds. */
  ms: number;
  /** "tesseract 5.3.0 (chi_sim, psm 6)". */
  engine: string;
}

export interface ReadOptions {
  /** Refuse pictures larger than this many bytes. @default 3 MB */
  maxBytes?: number;
  /** Refuse pictures with more pixels than this (from the header, before decoding). @default 16 million */
  maxPixels?: number;
  /** Refuse pictures with a side longer than this. @default 10,000 */
  maxSide?: number;
  /** Kill tesseract after this many milliseconds. @default 20,000 */
  timeoutMs?: number;
  pool?: OcrPool;
  /** @default 'chi_sim' */
  lang?: string;
  /** @default 6 */
  psm?: number;
  /** The second pass's mode when the first reads no valid code; null for none. @default 11 */
  fallbackPsm?: number | null;
  /** The tesseract binary. @default 'tesseract' */
  command?: string;
}

export const READ_DEFAULTS = {
  maxBytes: 3 * 1024 * 1024,
  maxPixels: 16_000_000,
  maxSide: 10_000,
  timeoutMs: 20_000,
  lang: 'chi_sim',
  psm: 6,
  fallbackPsm: 11 as number | null,
} as const;

/**
 * Reads one licence picture (PNG or JPEG): OCR with tesseract, then the codes and company names in the
 * text, each with the confidence of the words it came from. Throws OcrError when the picture is refused
 * (size, dimensions, format, cut short), tesseract is missing, times out or fails.
 */
export async function readLicenceImage(bytes: Buffer, options: ReadOptions = {}): Promise<LicenceReading> {
  const o = { ...READ_DEFAULTS, ...options };
  if (bytes.length > o.maxBytes) {
    throw new OcrError(
      'too_many_bytes',
      `the picture has ${bytes.length} bytes, over the ${o.maxBytes} limit`,
    );
  }
  const header = readImageHeader(bytes);
  if (header.width === 0 || header.height === 0)
    throw new OcrError('not_an_image', 'the picture has no pixels');
  if (header.width * header.height > o.maxPixels || Math.max(header.width, header.height) > o.maxSide) {
    throw new OcrError(
      'too_many_pixels',
      `the picture is ${header.width} × ${header.height}, over the ${o.maxPixels}-pixel or ${o.maxSide}-pixel-side limit`,
    );
  }
  const pool = o.pool ?? defaultOcrPool;
  const pass = (psm: number, timeoutMs: number) =>
    pool.run(() => runTesseract(bytes, { timeoutMs, lang: o.lang, psm, command: o.command }));
  const first = await pass(o.psm, o.timeoutMs);
  const version = (await tesseractVersion(o.command)) ?? 'tesseract';
  const fields = fieldsOf(parseTsv(first.tsv));
  let secondPass: LicenceReading['secondPass'] = null;
  let ms = first.ms;
  if (!fields.confident && o.fallbackPsm !== null) {
    // The second pass shares the first one's time budget: tesseract's time for the whole reading stays
    // under timeoutMs. Time spent waiting in the pool is not tesseract's: a busy pool (a crawl asking for
    // many pictures at once) must not starve the second pass into a timeout.
    const budget = Math.max(1, o.timeoutMs - first.ms);
    const second = await pass(o.fallbackPsm, budget);
    const other = fieldsOf(parseTsv(second.tsv));
    ms += second.ms;
    secondPass = {
      psm: o.fallbackPsm,
      text: other.text,
      confidence: other.confidence,
      ms: Math.round(second.ms),
    };
    // Only its codes: sparse-text segmentation cuts the label / value rows apart, so the type (其他股份有限公司)
    // would pass for a name. The first pass's names and page confidence stay.
    for (const code of other.codes) {
      if (!fields.codes.some((c) => c.code === code.code)) fields.codes.push({ ...code, pass: 2 });
    }
    fields.confident = fields.codes.some((c) => c.valid && c.confident);
  }
  return {
    ...fields,
    secondPass,
    image: { ...header, bytes: bytes.length },
    ms: Math.round(ms),
    engine: `${version} (${o.lang}, psm ${o.psm}${secondPass ? `, then psm ${secondPass.psm}` : ''})`,
  };
}

/**
 * A licence line whose label is a field other than the name, allowing one misread character of a
 * two-character label (类型 read as 头型).
 */
const OTHER_FIELD_LINE =
  /^\s*(?:.?类型|类.|.型|企业类型|经营范围|经.范围|住所|法定代表人|登记机关|注册资本)(?:\s|$)/;

type Fields = Omit<LicenceReading, 'image' | 'ms' | 'engine' | 'secondPass'>;

/** What the OCR text says: pure, so the rule is tested without tesseract. */
export function fieldsOf(ocr: OcrText): Fields {
  const words = ocr.lines.flatMap((line) => line.words);
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0;
  const scan = { source: 'text' as const, isHidden: () => false };

  const codes: ReadCode[] = [];
  let from = 0;
  for (const found of scanIdentifiers(ocr.text, scan).codes) {
    const start = Math.max(0, ocr.text.indexOf(found.text, from));
    from = start + found.text.length;
    const score = confidenceOf(ocr, start, start + found.text.length);
    const floor = found.valid ? CONFIDENCE_RULE.validCode : CONFIDENCE_RULE.invalidCode;
    codes.push({
      pass: 1,
      code: found.code,
      text: found.text,
      valid: found.valid,
      confidence: round(score),
      confident: score >= floor,
    });
  }

  const names: ReadName[] = [];
  const seen = new Set<string>();
  let lineStart = 0;
  for (const line of ocr.lines) {
    const start = lineStart;
    lineStart += line.text.length + 1;
    // 类型 "其他股份有限公司" and 经营范围 "...有限公司的委托" end in legal forms too: not names.
    if (OTHER_FIELD_LINE.test(line.text)) continue;
    for (const found of [...namesAfterLabels(line.text, scan), ...namesWithLegalForms(line.text, scan)]) {
      if (seen.has(found.normalized)) continue;
      seen.add(found.normalized);
      const at = line.text.indexOf(found.text);
      const score = at < 0 ? 0 : confidenceOf(ocr, start + at, start + at + found.text.length);
      names.push({
        text: found.text,
        normalized: found.normalized,
        confidence: round(score),
        confident: score >= CONFIDENCE_RULE.name,
      });
    }
  }

  const restConfident = names.some((n) => n.confident) && confidence >= CONFIDENCE_RULE.page;
  return {
    text: ocr.text,
    confidence: round(confidence),
    lines: ocr.lines,
    codes,
    names,
    confident: codes.some((c) => c.valid && c.confident),
    restConfident,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
