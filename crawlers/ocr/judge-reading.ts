import { isValidUscc, normalizeUscc } from '../lib/uscc.ts';
import { normalizeCompanyName, sameCompanyName } from '../extract/names.ts';
import type { FiledIdentity } from '../verify/judge.ts';
import type { InconclusiveReason, Verdict } from '../types.ts';
import type { LicenceReading } from './read-licence.ts';

export interface LicenceJudgement {
  verdict: Verdict;
  reason?: InconclusiveReason;
  /** One sentence a regulator can read. */
  detail: string;
  /** The name and code read from the picture that decided the verdict. */
  shown: { name: string | null; uscc: string | null };
}

/**
 * What a licence picture's reading says against the filing. Pure. The rules of judge.ts, with one more
 * condition: only what was read confidently (CONFIDENCE_RULE) counts, and anything else leaves the store
 * inconclusive / image_only, never a violation. A code whose check character fails is never corrected:
 * it is a wrong code on the licence only when it was read confidently and the rest of the reading is
 * confident too, since a misread code fails its check as well.
 */
export function judgeLicenceReading(reading: LicenceReading, filed: FiledIdentity): LicenceJudgement {
  const filedCode = filed.uscc ? normalizeUscc(filed.uscc) : null;
  const codes = reading.codes.filter((c) => c.confident);
  const valid = codes.filter((c) => c.valid && isValidUscc(c.code));
  const names = reading.names.filter((n) => n.confident);
  const filedName = filed.name ? names.find((n) => sameCompanyName(n.text, filed.name)) : undefined;
  // OCR drops and swaps characters of names (成都海棠... read as 都海棠...): a name close to the filed
  // one is the filed name misread, not another company, and never a charge on its own.
  const nearName = filed.name
    ? names.find((n) => nameSimilarity(n.text, filed.name) >= NEAR_NAME)
    : undefined;
  const otherName = filed.name
    ? names.find((n) => nameSimilarity(n.text, filed.name) < OTHER_NAME)
    : undefined;
  const shownName = filedName?.text ?? otherName?.text ?? null;
  const out = (verdict: Verdict, detail: string, uscc: string | null, reason?: InconclusiveReason) => ({
    verdict,
    ...(reason ? { reason } : {}),
    detail,
    shown: { name: shownName, uscc },
  });
  const unread = (why: string) =>
    out('inconclusive', `the licence picture could not be read with confidence: ${why}`, null, 'image_only');

  // Nothing filed to compare with: a valid code read is enough.
  if (!filedCode && !filed.name) {
    return valid[0]
      ? out('compliant', `the licence picture shows a valid code: ${valid[0].code}`, valid[0].code)
      : unread('no valid code read');
  }
  const filedShown = filedCode ? valid.find((c) => c.code === filedCode) : undefined;
  if (filedShown || (!filedCode && filedName)) {
    if (otherName && !filedName && !nearName) {
      return out(
        'identity_mismatch',
        `the licence picture shows the filed code with another name: ${otherName.text}`,
        filedShown?.code ?? null,
      );
    }
    return out('compliant', 'the licence picture shows the filed identity', filedShown?.code ?? null);
  }
  const another = valid[0];
  if (another && filedCode) {
    // The filed name read beside another valid code is more likely a misread code than another company.
    if (filedName || nearName) return unread(`the filed name was read beside another code (${another.code})`);
    return out('identity_mismatch', `the licence picture shows another code: ${another.code}`, another.code);
  }
  const wrong = codes.find((c) => !c.valid);
  if (wrong && reading.restConfident) {
    return out(
      'identity_mismatch',
      `the licence picture shows a code whose check character is wrong: ${wrong.code}`,
      wrong.code,
    );
  }
  if (!filedCode && otherName && !nearName && reading.restConfident) {
    return out('identity_mismatch', `the licence picture shows another name: ${otherName.text}`, null);
  }
  const invalid = reading.codes.find((c) => !c.valid);
  return unread(
    invalid
      ? `a code that fails its check character (${invalid.code}, confidence ${invalid.confidence}) is no evidence on its own`
      : reading.codes.length > 0
        ? 'the code was read with too low a confidence'
        : 'no code read',
  );
}

/** At or above: the filed name, misread. Below OTHER_NAME: another name. Between: neither. */
const NEAR_NAME = 0.6;
const OTHER_NAME = 0.4;

/** Dice coefficient of the two names' character bigrams (normalised), 0-1. */
export function nameSimilarity(a: string, b: string): number {
  const grams = (s: string): string[] => {
    const n = normalizeCompanyName(s);
    return Array.from({ length: Math.max(0, n.length - 1) }, (_, i) => n.slice(i, i + 2));
  };
  const left = grams(a);
  const right = grams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = [...right];
  let shared = 0;
  for (const g of left) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}
