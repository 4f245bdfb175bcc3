/**
 * Trust marks as the crawler sees them: which issuers it recognises (a registry that is configuration,
 * not code), and what it concludes about each mark a store shows.
 */

/** What the crawler says about one mark on a store page. */
export const MARK_VERDICTS = [
  'genuine', // the issuer confirms it, for this site
  'forged', // bad signature, or an id the issuer does not know
  'copied', // issued to another site, or the same id seen on another store
  'expired',
  'revoked',
  'lookalike_issuer', // served from a host that imitates a recognised issuer's
  'self_hosted', // claims a recognised issuer but is not served from it
  'inconclusive', // the issuer could not be asked (unreachable, no way to confirm)
] as const;
export type MarkVerdict = (typeof MARK_VERDICTS)[number];

/** How an issuer's marks are confirmed. */
export type IssuerConfirmation =
  /**
   * GET `url` (with `{id}` replaced by the mark id, URL-encoded) sending the store page as Referer; a
   * JSON object answers, naming the status and the site the mark was issued to. 404 means unknown id.
   */
  | {
      kind: 'status_endpoint';
      url: string;
      /** Field of the answer holding the status, and the values that mean each state. */
      status_field: string;
      valid: string[];
      expired: string[];
      revoked: string[];
      /** Field of the answer holding the origin (or URL) the mark was issued to. */
      site_field: string;
    }
  /**
   * The mark element carries its payload (base64url JSON, with `id`, `site`, `expires` YYYY-MM-DD or
   * RFC 3339) and an Ed25519 signature (base64) over the payload's bytes, in the named attributes.
   */
  | {
      kind: 'signature';
      public_key_pem: string;
      payload_attribute: string;
      signature_attribute: string;
    }
  /** Recognised, but there is no way to confirm it from here (a real issuer, with no network). */
  | { kind: 'none' };

export interface IssuerEntry {
  /** Stable id, e.g. 'knet-trusted-site'. */
  id: string;
  name: string;
  /** Hosts the issuer serves its marks and pages from: 'host', 'host:port', or '*.domain'. */
  hosts: string[];
  /** Words in the mark's alt text, title or file name that claim this issuer (for self_hosted). */
  claims: string[];
  /** Where the mark id is: query parameters tried in order, then a path pattern with one group. */
  id_from: { query?: string[]; path?: string };
  confirm: IssuerConfirmation;
}

/** One mark found on a page and the conclusion about it. */
export interface MarkFinding {
  verdict: MarkVerdict;
  /** The issuer it is from or claims to be from; null when it claims none we know. */
  issuer: string | null;
  id: string | null;
  /** One sentence: why this verdict. */
  reason: string;
  href?: string;
  img_src?: string;
  /** What the issuer answered (status endpoint) or what the signature covered, as evidence. */
  evidence?: Record<string, unknown>;
}
