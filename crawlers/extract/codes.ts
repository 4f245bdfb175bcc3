import { isValidUscc } from '../lib/uscc.ts';
import { compactCode } from '../lib/width.ts';
import type { CodeCandidate, FindingSource, RegistrationNumberCandidate } from '../types.ts';
import { CODE_LABELS, OTHER_NUMBER_LABELS, REGISTRATION_LABELS, alternation } from './labels.ts';
import { foldWidth } from './text.ts';

/**
 * Unified social credit codes and pre-2015 registration numbers in running text.
 *
 * The text is cut into runs of Latin letters and digits (full width folded first, which keeps every
 * offset). A code is one run of 18, or consecutive runs joined by one or two spaces ("9111 0108 ...",
 * U+3000 and nbsp included) that add up to 18; never a piece of a longer run, so a 19-character run, an
 * order number or a card number is never cut down to a code.
 *
 * What stands before it decides how much is asked of it. After a code label (统一社会信用代码, 注册号,
 * 税号...) the check character may fail and the candidate is still reported, as invalid. After the
 * label of another number (订单号, 身份证, 电话...) nothing is reported. With no label, only a code whose
 * check character holds is reported: a bare 18-character string that fails it is far more often a
 * tracking or order number than a mistyped code, and reporting it would turn "no identity" into
 * "wrong identity".
 */

export const USCC_SHAPE = /^[1-9ANY][0-9A-HJ-NP-RT-UW-Y]\d{6}[0-9A-HJ-NP-RT-UW-Y]{10}$/;

const RUN = /[0-9A-Za-z]+/g;
const LABEL_WINDOW = 40;
const ANY_LABEL = alternation([...CODE_LABELS, ...REGISTRATION_LABELS, ...OTHER_NUMBER_LABELS]);
const CODE_LABEL_SET = new Set([...CODE_LABELS, ...REGISTRATION_LABELS].map((l) => l.toLowerCase()));

export interface IdentifierFindings {
  codes: CodeCandidate[];
  registrationNumbers: RegistrationNumberCandidate[];
}

export interface ScanOptions {
  source: FindingSource;
  isHidden: (start: number, end: number) => boolean;
}

type LabelKind = 'code' | 'other' | 'none';

/**
 * The kind of the label right before `start`, at most LABEL_WINDOW characters back. A label speaks for
 * the value that follows it, not for the next one: when another value (a run of three letters or
 * digits) or more than one other Chinese character stands between them, as in "注册号 440106000067508
 * 电话：...", the label is stale and the candidate has none.
 */
function labelBefore(text: string, start: number): LabelKind {
  const window = text.slice(Math.max(0, start - LABEL_WINDOW), start);
  ANY_LABEL.lastIndex = 0;
  let last: string | undefined;
  let lastEnd = -1;
  for (let m = ANY_LABEL.exec(window); m; m = ANY_LABEL.exec(window)) {
    if (m.index + m[0].length >= lastEnd) {
      last = m[0];
      lastEnd = m.index + m[0].length;
    }
  }
  if (last === undefined) return 'none';
  const gap = window.slice(lastEnd);
  if (/[0-9A-Za-z]{3}/.test(gap) || (gap.match(/[\u3400-\u9fff]/g)?.length ?? 0) > 1) return 'none';
  return CODE_LABEL_SET.has(last.toLowerCase()) ? 'code' : 'other';
}

interface Run {
  start: number;
  end: number;
}

interface Pending {
  start: number;
  end: number;
  /** Made of several runs: dropped when a run with a digit follows it. */
  joined: boolean;
}

export function scanIdentifiers(text: string, options: ScanOptions): IdentifierFindings {
  const folded = foldWidth(text); // same length as text: every offset still points into it
  const found: IdentifierFindings = { codes: [], registrationNumbers: [] };
  let chain: Run[] = []; // the latest runs joined by spaces, as far back as a candidate can reach
  let pending: Pending[] = []; // candidates ending at the latest run, judged once the next run is seen
  const flush = (): void => {
    for (const candidate of pending) judge(candidate, text, folded, options, found);
    pending = [];
  };
  RUN.lastIndex = 0;
  for (let m = RUN.exec(folded); m; m = RUN.exec(folded)) {
    const run = { start: m.index, end: m.index + m[0].length };
    const previous = chain[chain.length - 1];
    if (previous && joinedBySpace(folded, previous.end, run.start)) {
      if (/\d/.test(m[0])) pending = pending.filter((candidate) => !candidate.joined);
    } else {
      chain = [];
    }
    flush();
    chain.push(run);
    while (chain.length > 1 && lengthFrom(chain, 1) > 18) chain.shift();
    pending = candidatesEndingAt(chain, folded);
  }
  flush();
  scanMasked(text, folded, options, found);
  return found;
}

// Letters and digits ending in asterisks, nothing of either kind around them.
const MASKED = /(?<![0-9A-Za-z*])([0-9A-Za-z]{4,17})(\*{2,14})(?![0-9A-Za-z*])/g;

/**
 * Codes and registration numbers shown with their end masked ("营业执照注册号：9111010255858*****"), read
 * only right after a code label: 18 characters in all is a code whose visible part can be compared; 15 a
 * pre-2015 number, which cannot be.
 */
function scanMasked(text: string, folded: string, options: ScanOptions, found: IdentifierFindings): void {
  MASKED.lastIndex = 0;
  for (let m = MASKED.exec(folded); m; m = MASKED.exec(folded)) {
    const length = m[0].length;
    if ((length !== 18 && length !== 15) || labelBefore(folded, m.index) !== 'code') continue;
    const value = m[0].toUpperCase();
    const hidden = options.isHidden(m.index, m.index + length);
    if (length === 15) {
      if (/^\d+$/.test(m[1]!))
        found.registrationNumbers.push({ number: value, source: options.source, hidden });
      continue;
    }
    if (!/^[1-9ANY]/.test(value)) continue;
    found.codes.push({
      text: text.slice(m.index, m.index + length),
      code: value,
      valid: false,
      masked: true,
      source: options.source,
      hidden,
    });
  }
}

/** One or two spaces (U+3000 is one once folded; nbsp too) between two runs. */
function joinedBySpace(folded: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let i = from; i < to; i++) if (folded[i] !== ' ' && folded[i] !== '\u00a0') return false;
  return true;
}

function lengthFrom(chain: Run[], from: number): number {
  let sum = 0;
  for (let i = from; i < chain.length; i++) sum += chain[i]!.end - chain[i]!.start;
  return sum;
}

/** chain[i..last] of 18 or 15 characters; a joined one must not follow a run with a digit. */
function candidatesEndingAt(chain: Run[], folded: string): Pending[] {
  const out: Pending[] = [];
  const last = chain.length - 1;
  let length = 0;
  for (let i = last; i >= 0; i--) {
    length += chain[i]!.end - chain[i]!.start;
    if (length > 18) break;
    if (length !== 18 && length !== 15) continue;
    const before = chain[i - 1];
    if (i < last && before && /\d/.test(folded.slice(before.start, before.end))) continue;
    out.push({ start: chain[i]!.start, end: chain[last]!.end, joined: i < last });
  }
  return out;
}

function judge(
  candidate: Pending,
  text: string,
  folded: string,
  options: ScanOptions,
  found: IdentifierFindings,
): void {
  const { start, end } = candidate;
  const value = compactCode(folded.slice(start, end));
  const label = labelBefore(folded, start);
  const hidden = (): boolean => options.isHidden(start, end);
  if (value.length === 15) {
    if (label === 'code' && /^\d{15}$/.test(value)) {
      found.registrationNumbers.push({ number: value, source: options.source, hidden: hidden() });
    }
    return;
  }
  if (!USCC_SHAPE.test(value) || label === 'other') return;
  const valid = isValidUscc(value);
  const labelled = label === 'code';
  if (!labelled && !valid) return;
  if (isResidentIdNumber(value) && !(valid && labelled)) return;
  found.codes.push({
    text: text.slice(start, end).trim(),
    code: value,
    valid,
    source: options.source,
    hidden: hidden(),
  });
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/**
 * True for an 18-character resident ID number (GB 11643): 17 digits with a plausible birth date at
 * positions 7-14 and an ISO 7064 MOD 11-2 check character. All-digit codes have the USCC shape too.
 */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!;
  return '10X98765432'[sum % 11] === value[17];
}
