import { createPublicKey, verify } from 'node:crypto';
import { fetchOnce, type FetchOptions } from '../fetch/fetcher.ts';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from '../fetch/retry.ts';
import type { HostLimiter } from '../politeness/limiter.ts';
import type { TrustMarkElement } from '../types.ts';
import { hostMatches, imitates } from './registry.ts';
import type { IssuerEntry, MarkFinding, MarkVerdict } from './types.ts';

/**
 * Checks the trust marks a page shows against the registry of issuers: which issuer each claims, where
 * it is really served from, and what the issuer says (a status endpoint asked with the store page as
 * Referer, or a signature checked with the issuer's key). Marks that claim no issuer we know are left
 * out: there is nothing to check them against.
 */
export class MarkVerifier {
  /** issuer/id → the first origin whose page showed it: the same mark on two stores is a copy. */
  private readonly seen = new Map<string, string>();
  /** Findings whose issuer named the site the mark is for: then that decides, not the index. */
  private readonly siteNamed = new WeakSet<MarkFinding>();

  constructor(
    private readonly issuers: IssuerEntry[],
    private readonly limiter: HostLimiter,
    private readonly fetchOptions: FetchOptions,
    /** An issuer that fails to answer is asked again like a page (network errors, timeouts, 5xx). */
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async verifyMarks(elements: TrustMarkElement[], pageUrl: string): Promise<MarkFinding[]> {
    const page = new URL(pageUrl);
    const findings: MarkFinding[] = [];
    const seenOnPage = new Set<string>();
    for (const element of elements) {
      const finding = await this.verifyOne(element, page);
      // One badge can be found twice (a declared seal that is also an issuer's link): report it once.
      const key = finding && `${finding.issuer}|${finding.id}|${finding.href}|${finding.img_src}`;
      if (!finding || seenOnPage.has(key!)) continue;
      seenOnPage.add(key!);
      findings.push(finding);
    }
    return findings;
  }

  private async verifyOne(element: TrustMarkElement, page: URL): Promise<MarkFinding | undefined> {
    const urls = [element.href, element.imgSrc].flatMap((u) => (u ? [new URL(u)] : []));
    // A mark drawn by the issuer's script has neither link nor picture in the page, only its host.
    if (element.issuerHost && !urls.some((url) => url.host === element.issuerHost)) {
      urls.push(new URL(`https://${element.issuerHost}/`));
    }
    const base = {
      ...(element.href ? { href: element.href } : {}),
      ...(element.imgSrc ? { img_src: element.imgSrc } : {}),
    };
    const issuer = this.issuers.find((entry) => urls.some((url) => hostMatches(url.host, entry.hosts)));
    if (!issuer) {
      const claimed = this.claimedIssuer(element, urls);
      if (!claimed) return undefined;
      const lookalike = urls.find((url) => imitates(url.host, claimed.hosts));
      if (lookalike) {
        return {
          ...base,
          verdict: 'lookalike_issuer',
          issuer: claimed.id,
          id: null,
          reason: `${lookalike.host} imitates ${claimed.name}'s hosts`,
        };
      }
      const from = urls.map((u) => u.host).join(', ') || page.host;
      return {
        ...base,
        verdict: 'self_hosted',
        issuer: claimed.id,
        id: null,
        reason: `claims ${claimed.name} but is served from ${from}`,
      };
    }
    const id = markId(issuer, urls) ?? element.id ?? null;
    const found = (
      verdict: MarkVerdict,
      reason: string,
      evidence?: Record<string, unknown>,
    ): MarkFinding => ({
      ...base,
      verdict,
      issuer: issuer.id,
      id,
      reason,
      ...(evidence ? { evidence } : {}),
    });
    const confirm = issuer.confirm;
    if (confirm.kind === 'none') return found('inconclusive', `${issuer.name} cannot be asked from here`);
    if (confirm.kind === 'signature')
      return this.copiedElsewhere(this.checkSignature(issuer, element, page, found), page);
    if (!id) return found('forged', 'the mark carries no id its issuer could confirm');
    return this.copiedElsewhere(await this.askIssuer(issuer, confirm, id, page, found), page);
  }

  /**
   * The issuer a mark claims when it is not served by one: a host that imitates an issuer's, else the
   * issuer whose words (alt text and title count twice, link and file names once) it uses most.
   */
  private claimedIssuer(element: TrustMarkElement, urls: URL[]): IssuerEntry | undefined {
    const imitated = this.issuers.find((entry) => urls.some((url) => imitates(url.host, entry.hosts)));
    if (imitated) return imitated;
    const text = element.text.toLowerCase();
    const addresses = urls.map((u) => `${u.host}${u.pathname}`.toLowerCase()).join(' ');
    let best: IssuerEntry | undefined;
    let bestScore = 0;
    for (const entry of this.issuers) {
      let score = 0;
      for (const claim of entry.claims.map((c) => c.toLowerCase())) {
        if (text.includes(claim)) score += 2;
        if (addresses.includes(claim)) score += 1;
      }
      if (score > bestScore) [best, bestScore] = [entry, score];
    }
    return best;
  }

  private checkSignature(
    issuer: IssuerEntry,
    element: TrustMarkElement,
    page: URL,
    found: (verdict: MarkVerdict, reason: string, evidence?: Record<string, unknown>) => MarkFinding,
  ): MarkFinding {
    if (issuer.confirm.kind !== 'signature') throw new TypeError('not a signature issuer');
    const payloadText = element.attributes[issuer.confirm.payload_attribute];
    const signature = element.attributes[issuer.confirm.signature_attribute];
    if (!payloadText || !signature) return found('forged', 'the mark carries no signed payload');
    const bytes = Buffer.from(payloadText, 'base64url');
    let valid: boolean;
    try {
      valid = verify(
        null,
        bytes,
        createPublicKey(issuer.confirm.public_key_pem),
        Buffer.from(signature, 'base64'),
      );
    } catch {
      valid = false;
    }
    if (!valid) return found('forged', `the signature does not hold under ${issuer.name}'s key`);
    let payload: { id?: string; site?: string; expires?: string };
    try {
      payload = JSON.parse(bytes.toString('utf8')) as typeof payload;
    } catch {
      return found('forged', 'the signed payload is not JSON');
    }
    const finding = (verdict: MarkVerdict, reason: string) => ({
      ...found(verdict, reason, payload),
      id: payload.id ?? null,
    });
    if (payload.site && originOf(payload.site) !== page.origin)
      return finding('copied', `signed for ${payload.site}, shown on ${page.origin}`);
    if (payload.expires && endOf(payload.expires) < Date.now())
      return finding('expired', `expired on ${payload.expires}`);
    const genuine = finding('genuine', `signed by ${issuer.name}${payload.site ? ' for this site' : ''}`);
    if (payload.site) this.siteNamed.add(genuine);
    return genuine;
  }

  private async askIssuer(
    issuer: IssuerEntry,
    confirm: Extract<IssuerEntry['confirm'], { kind: 'status_endpoint' }>,
    id: string,
    page: URL,
    found: (verdict: MarkVerdict, reason: string, evidence?: Record<string, unknown>) => MarkFinding,
  ): Promise<MarkFinding> {
    const url = new URL(confirm.url.replace('{id}', encodeURIComponent(id)));
    let response;
    try {
      response = await withRetries(this.retry, () =>
        this.limiter.schedule(url.host, () =>
          fetchOnce(url.href, {
            ...this.fetchOptions,
            maxBytes: 64 * 1024,
            accept: 'application/json',
            referer: page.href,
          }),
        ),
      );
    } catch (error) {
      return found('inconclusive', `${issuer.name} could not be reached: ${(error as Error).message}`);
    }
    if (response.status === 404) return found('forged', `${issuer.name} does not know the id ${id}`);
    if (response.status !== 200) return found('inconclusive', `${issuer.name} answered ${response.status}`);
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return found('inconclusive', `${issuer.name} answered something that is not JSON`);
    }
    const status = String(answer[confirm.status_field] ?? '');
    const site =
      typeof answer[confirm.site_field] === 'string' ? originOf(answer[confirm.site_field] as string) : null;
    if (confirm.revoked.includes(status))
      return found('revoked', `${issuer.name} says the mark is revoked`, answer);
    if (site && site !== page.origin)
      return found('copied', `${issuer.name} issued it to ${site}, not ${page.origin}`, answer);
    if (confirm.expired.includes(status))
      return found('expired', `${issuer.name} says the mark expired`, answer);
    if (confirm.valid.includes(status)) {
      const genuine = found('genuine', `${issuer.name} confirms it${site ? ' for this site' : ''}`, answer);
      if (site) this.siteNamed.add(genuine);
      return genuine;
    }
    return found('inconclusive', `${issuer.name} answered the status "${status}"`, answer);
  }

  /**
   * A mark that its issuer confirms without naming a site may still be another store's: the same id
   * seen on two sites is a copy on the later one. Where the issuer names the site, that decides.
   */
  private copiedElsewhere(finding: MarkFinding, page: URL): MarkFinding {
    if (!finding.id || !finding.issuer) return finding;
    const key = `${finding.issuer}/${finding.id}`;
    const first = this.seen.get(key);
    if (!first) this.seen.set(key, page.origin);
    if (first && first !== page.origin && finding.verdict === 'genuine' && !this.siteNamed.has(finding)) {
      return { ...finding, verdict: 'copied', reason: `the same mark was seen on ${first}` };
    }
    return finding;
  }
}

function markId(issuer: IssuerEntry, urls: URL[]): string | undefined {
  for (const url of urls) {
    for (const name of issuer.id_from.query ?? []) {
      const value = url.searchParams.get(name);
      if (value) return value;
    }
  }
  if (issuer.id_from.path) {
    const pattern = new RegExp(issuer.id_from.path);
    for (const url of urls) {
      const match = pattern.exec(url.pathname);
      if (match?.[1]) return match[1];
    }
  }
  return undefined;
}

function originOf(site: string): string | null {
  try {
    return new URL(site).origin;
  } catch {
    return null;
  }
}

/** The end of the day a date names (a mark is valid through its expiry date), or the instant given. */
function endOf(expires: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? Date.parse(`${expires}T23:59:59.999Z`) : Date.parse(expires);
}
