/**
 * The crawler's vocabulary, shared by the extractors, the verifier, the fixture web and the gateway.
 * Nothing here imports from src/: the gateway depends on the crawler library, never the reverse.
 */

/** What a visit concludes about a store. A failure to crawl is never reported as a violation. */
export const VERDICTS = ['compliant', 'identity_missing', 'identity_mismatch', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a visit was inconclusive. */
export const INCONCLUSIVE_REASONS = [
  'unreachable', // connection refused, reset, DNS failure, after all retries
  'address_not_public', // the host is (or resolves to) a loopback, private or link-local address: not visited
  'timeout', // the host did not answer (or finish answering) in time, after all retries
  'blocked_by_robots', // robots.txt disallows the crawler on this page
  'robots_unavailable', // robots.txt answered 5xx or could not be fetched: not now
  'http_error', // a 4xx/5xx other than 404/410 after all retries
  'store_closed', // 404 or 410
  'too_many_redirects', // a redirect chain longer than the limit, or a loop
  'not_html', // the page is not an HTML document
  'too_large', // the body passed the size limit and what was read carries no identity
  'captcha', // a captcha or interstitial page stands in front of the store
  'image_only', // the identity is shown only as a picture of the license
  'legacy_registration_number', // only a pre-2015 15-digit registration number, which cannot be compared
  'license_link_unverified', // an official licence link whose code cannot be read, without the filed name beside it
  'render_failed', // the browser could not render a script-built page
  'extraction_failed', // the page broke the extractor (a bug, or a page built to exhaust it)
] as const;
export type InconclusiveReason = (typeof INCONCLUSIVE_REASONS)[number];

/** Where on a page a candidate was read from. */
export type FindingSource = 'text' | 'json_ld' | 'license_link' | 'meta' | 'image_alt';

export interface NameCandidate {
  /** As shown on the page, trimmed. */
  text: string;
  /** For comparison: full width folded, brackets unified, spaces removed (see sameCompanyName). */
  normalized: string;
  source: FindingSource;
  /** True when the element (or an ancestor) is hidden: display:none, visibility:hidden, `hidden`. */
  hidden: boolean;
}

export interface CodeCandidate {
  /** As shown on the page, trimmed (may carry full-width characters and spaces). */
  text: string;
  /** The 18 characters, full width folded, spaces removed, upper case. */
  code: string;
  /** True when the check character holds (GB 32100-2015). */
  valid: boolean;
  /**
   * Shown with its end masked, as some platforms print it (9111010255858*****): `code` keeps the
   * asterisks, `valid` is false, and only the visible part can be compared (crawlers/verify/judge.ts).
   */
  masked?: true;
  source: FindingSource;
  hidden: boolean;
}

export interface RegistrationNumberCandidate {
  /** A pre-2015 15-digit business registration number. */
  number: string;
  source: FindingSource;
  hidden: boolean;
}

export interface LicenseLink {
  /** Absolute URL. */
  href: string;
  host: string;
  /** The code the URL carries (query parameter or path), normalised, when it carries one. */
  code?: string;
  codeValid?: boolean;
  /** Another identifier the URL carries (entyId=, serial=, ...), when no code. */
  id?: string;
  /** The official licence-link form it is of (crawlers/extract/license-issuers.ts), when it is one. */
  issuer?: string;
  /**
   * A licence link by its words alone ("营业执照", "工商执照", "经营证照"): its address is no issuer or
   * regulator we know (a platform's licence page for its sellers, the operator's own page). The law lets
   * a store show such a link instead of the text; what it leads to is not read.
   */
  labelled?: true;
  text: string;
  hidden: boolean;
}

export interface JsonLdIdentity {
  type?: string;
  name?: string;
  legalName?: string;
  taxID?: string;
}

export interface LicenseImage {
  /** Absolute URL of the picture. */
  src: string;
  alt: string;
  /** What made it look like a license picture (alt text, file name, nearby caption). */
  reason: string;
}

export interface TrustMarkElement {
  /** Absolute link target, when the mark is a link. */
  href?: string;
  /** Absolute image source, when the mark is a picture. */
  imgSrc?: string;
  /** Host of the link or script that issues the mark. */
  issuerHost?: string;
  /** The mark id or code the element carries (sn=, serial=, entyId=, ...). */
  id?: string;
  text: string;
  /** Raw attributes that identify it (data-mark-id, ...), for the trust-mark verifiers. */
  attributes: Record<string, string>;
}

export interface PageSignals {
  title: string;
  /** Length of the visible body text, whitespace collapsed. */
  textLength: number;
  /** Number of <script> elements (inline or with src), JSON-LD excluded. */
  scriptCount: number;
  /** True when the page is a captcha, a bot check or another interstitial instead of the store. */
  captcha: boolean;
}

/** Everything the pure extractor reads from one HTML page. */
export interface Findings {
  names: NameCandidate[];
  codes: CodeCandidate[];
  registrationNumbers: RegistrationNumberCandidate[];
  licenseLinks: LicenseLink[];
  jsonLd: JsonLdIdentity[];
  licenseImages: LicenseImage[];
  trustMarks: TrustMarkElement[];
  page: PageSignals;
}
