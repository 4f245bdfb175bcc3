import { isValidUscc, normalizeUscc } from '../lib/uscc.ts';
import { sameCompanyName } from '../extract/names.ts';
import { INDIVIDUAL_FORM_AT_END, LEGAL_FORM_AT_END } from '../extract/names-in-text.ts';
import type { Findings, InconclusiveReason, Verdict } from '../types.ts';

/** What the platform filed for the store. A natural-person seller has no code. */
export interface FiledIdentity {
  name: string;
  uscc: string | null;
}

export type NameComparison = 'match' | 'mismatch' | 'absent' | 'not_filed';
export type CodeComparison = 'match' | 'mismatch' | 'invalid_check_character' | 'absent' | 'not_filed';

/** Field by field: what was filed next to what the page shows. */
export interface Comparison {
  name: NameComparison;
  uscc: CodeComparison;
  filed: FiledIdentity;
  /** The name and code the page shows that decided the comparison (the matching one when there is one). */
  shown: { name: string | null; uscc: string | null };
}

export interface Judgement {
  verdict: Verdict;
  reason?: InconclusiveReason;
  /** One sentence a regulator can read. */
  detail: string;
  comparison: Comparison;
}

/**
 * The verdict on what one page shows, against the filing. Pure. Only what a visitor can see counts
 * (the law asks for the identity to be shown prominently): candidates in hidden elements are ignored.
 * A page that cannot be read for what it shows (captcha, only a picture, only a pre-2015 number, cut
 * off by the size limit) is inconclusive, never a violation.
 */
export function judge(findings: Findings, filed: FiledIdentity, truncated = false): Judgement {
  const filedCode = filed.uscc ? normalizeUscc(filed.uscc) : null;
  const codes = shownCodes(findings);
  const names = findings.names.filter((candidate) => !candidate.hidden);

  const matchingName = names.find((candidate) => sameCompanyName(candidate.text, filed.name));
  const name: NameComparison = !filed.name
    ? 'not_filed'
    : matchingName
      ? 'match'
      : names.length > 0
        ? 'mismatch'
        : 'absent';
  const shownName = matchingName?.text ?? names[0]?.text ?? null;

  let uscc: CodeComparison;
  let shownCode: string | null = null;
  if (!filedCode) {
    uscc = 'not_filed';
  } else if (codes.includes(filedCode)) {
    uscc = 'match';
    shownCode = filedCode;
  } else if (codes.some(isValidUscc)) {
    uscc = 'mismatch';
    shownCode = codes.find(isValidUscc)!;
  } else if (codes.length > 0) {
    uscc = 'invalid_check_character';
    shownCode = codes[0]!;
  } else {
    uscc = 'absent';
  }
  const comparison: Comparison = { name, uscc, filed, shown: { name: shownName, uscc: shownCode } };
  const verdict = (v: Verdict, detail: string, reason?: InconclusiveReason): Judgement => ({
    verdict: v,
    ...(reason ? { reason } : {}),
    detail,
    comparison,
  });

  // Nothing filed to compare with (marketgate verify without --expect-*): a valid code is enough.
  if (!filedCode && !filed.name && codes.length > 0) {
    const valid = codes.find(isValidUscc);
    comparison.shown.uscc = valid ?? codes[0]!;
    return valid
      ? verdict('compliant', `the page shows a valid code: ${valid}`)
      : verdict('identity_mismatch', `the page shows a code whose check character is wrong: ${codes[0]}`);
  }
  if (uscc === 'match' || (uscc === 'not_filed' && name === 'match')) {
    if (name === 'mismatch') {
      return verdict('identity_mismatch', `the page shows the filed code with another name: ${shownName}`);
    }
    return verdict('compliant', 'the page shows the filed identity');
  }
  if (findings.page.captcha)
    return verdict('inconclusive', 'a captcha or interstitial page stands in front of the store', 'captcha');
  if (uscc === 'mismatch') return verdict('identity_mismatch', `the page shows another code: ${shownCode}`);
  if (uscc === 'invalid_check_character') {
    return verdict('identity_mismatch', `the page shows a code whose check character is wrong: ${shownCode}`);
  }
  // A code shown with its end masked (9111010255858*****): its visible part is compared.
  const masked = findings.codes.filter((candidate) => candidate.masked && !candidate.hidden);
  if (uscc === 'absent' && masked.length > 0) {
    const agrees = (candidate: { code: string }) => filedCode!.startsWith(candidate.code.replace(/\*+$/, ''));
    const other = masked.find((candidate) => !agrees(candidate));
    if (other && !masked.some(agrees)) {
      comparison.uscc = 'mismatch';
      comparison.shown.uscc = other.code;
      return verdict(
        'identity_mismatch',
        `the page shows a masked code whose visible part is not the filed code's: ${other.code}`,
      );
    }
    if (name === 'match') {
      comparison.shown.uscc = masked.find(agrees)!.code;
      return verdict('compliant', 'the page shows the filed name and the filed code with its end masked');
    }
  }
  // The page presents itself as another business: a full registered name that is not the filed one, and
  // no code at all. A regulator reads that as the wrong identity, not as none, whatever link stands beside it.
  const otherBusiness = names.find((candidate) => isFullBusinessName(candidate.text));
  const presentsOther = (uscc === 'absent' || uscc === 'not_filed') && name === 'mismatch' && otherBusiness;
  // A licence link whose code cannot be read: of an official issuer (crawlers/extract/license-issuers.ts)
  // or to a regulator. The law lets a store show the link instead of the text, so the page is never
  // judged to show nothing; only an official one with the filed name beside it is enough for compliant.
  const links = findings.licenseLinks.filter((candidate) => !candidate.hidden && !candidate.code);
  const official = links.find((candidate) => candidate.issuer);
  const strong = official ?? links.find((candidate) => !candidate.labelled);
  const unreadable = uscc === 'absent' || uscc === 'not_filed';
  if (strong && unreadable) {
    const what = official
      ? `an official licence link (${official.issuer})`
      : `a licence link to ${strong.host}`;
    if (presentsOther) {
      comparison.shown.name = otherBusiness.text;
      return verdict(
        'identity_mismatch',
        `the page presents another business as the operator: ${otherBusiness.text}, beside ${what} whose code cannot be read`,
      );
    }
    if (official && name === 'match')
      return verdict(
        'compliant',
        `the page shows the filed name and ${what} whose code cannot be read from its address`,
      );
    return verdict(
      'inconclusive',
      `the page shows ${what} whose code cannot be read, and ${name === 'match' ? 'the filed name' : name === 'mismatch' ? `another name: ${shownName}` : 'not the filed name'}`,
      'license_link_unverified',
    );
  }
  if (uscc === 'not_filed' && name === 'mismatch' && filed.name) {
    return verdict('identity_mismatch', `the page shows another name: ${shownName}`);
  }
  if (presentsOther && uscc === 'absent') {
    comparison.shown.name = otherBusiness.text;
    return verdict(
      'identity_mismatch',
      `the page presents another business as the operator: ${otherBusiness.text}; the filed code is not shown`,
    );
  }
  // Nothing the filing can be compared with is shown as text.
  if (findings.registrationNumbers.some((candidate) => !candidate.hidden)) {
    return verdict(
      'inconclusive',
      'the page shows only a pre-2015 registration number',
      'legacy_registration_number',
    );
  }
  if (findings.licenseImages.length > 0) {
    return verdict('inconclusive', 'the identity is shown only as a picture of the license', 'image_only');
  }
  // A link named a licence by its words alone ("营业执照", "工商执照" to a platform's licence page): what it
  // leads to is not read, so the identity is neither shown nor missing. After a picture of the licence,
  // which can be read.
  const labelled = links.find((candidate) => candidate.labelled);
  if (labelled && unreadable)
    return verdict(
      'inconclusive',
      `the page shows a link named a licence ("${labelled.text}", to ${labelled.host}) whose page is not read, and ${name === 'match' ? 'the filed name' : 'no code'}`,
      'license_link_unverified',
    );
  if (truncated)
    return verdict('inconclusive', 'the page passed the size limit before any identity', 'too_large');
  const hiddenOnly = findings.codes.length > 0 || findings.names.some((candidate) => candidate.hidden);
  return verdict(
    'identity_missing',
    hiddenOnly
      ? 'the identity is only in hidden elements'
      : name === 'match'
        ? 'the page shows the name but no code'
        : 'the page shows no business identity',
  );
}

/** A registered name of a company or an individual business, not a shop title. */
function isFullBusinessName(text: string): boolean {
  return LEGAL_FORM_AT_END.test(text) || INDIVIDUAL_FORM_AT_END.test(text);
}

/** Every code a visitor can see: in the text, in JSON-LD, carried by a license link. */
function shownCodes(findings: Findings): string[] {
  const codes = new Set<string>();
  for (const candidate of findings.codes)
    if (!candidate.hidden && !candidate.masked) codes.add(candidate.code);
  for (const link of findings.licenseLinks) if (!link.hidden && link.code) codes.add(link.code);
  for (const item of findings.jsonLd) {
    const code = item.taxID ? normalizeUscc(item.taxID) : '';
    if (code.length === 18) codes.add(code);
  }
  return [...codes];
}
