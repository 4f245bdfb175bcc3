import { RenderFailed, type BrowserPool } from '../browser/pool.ts';
import type { EvidenceStore } from '../evidence.ts';
import { defaultIssuers } from '../marks/registry.ts';
import type { IssuerEntry } from '../marks/types.ts';
import { MarkVerifier } from '../marks/verify-marks.ts';
import { ExtractionFailed, type Extractor, workerExtractor } from '../extract/pool.ts';
import { FetchFailed, retryAfterMs } from '../fetch/errors.ts';
import { fetchOnce, type FetchedResponse, type FetchOptions } from '../fetch/fetcher.ts';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../fetch/retry.ts';
import {
  createHostLimiter,
  JobExpired,
  type HostLimiter,
  type HostLimiterOptions,
} from '../politeness/limiter.ts';
import { RobotsCache, type RobotsShare } from '../politeness/robots-cache.ts';

import { CRAWLER_NAME, CRAWLER_USER_AGENT } from '../version.ts';
import { type LicenceReading, OcrError, judgeLicenceReading, readLicenceImage } from '../ocr/index.ts';
import type { Findings } from '../types.ts';
import { sameCompanyName } from '../extract/names.ts';
import { type Judgement, judge } from './judge.ts';
import { CrawlStats } from './stats.ts';
import type { StoreTarget, Verification, Visit } from './verification.ts';
import { VisitLog } from './visit-log.ts';

export interface VerifierOptions {
  evidence: EvidenceStore;
  /** Renders script-built pages; null to crawl statically only (such pages are then inconclusive). */
  browser: BrowserPool | null;
  /** Trust-mark issuers the crawler recognises; default the registry in crawlers/marks/issuers.json. */
  issuers?: IssuerEntry[];
  /** Where pages are decoded and read; default worker threads (the cores but one). Owned by the verifier. */
  extractor?: Extractor;
  userAgent?: string;
  /** The token robots.txt groups are matched against. */
  productToken?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  retry?: Partial<RetryPolicy>;
  politeness?: Partial<HostLimiterOptions>;
  /**
   * The limiter to go through instead of an in-process one built from `politeness`: a fleet's, shared
   * through Redis (crawlers/fleet/redis-limiter.ts). Owned by the verifier (stopped by close()).
   */
  limiter?: HostLimiter;
  /** Where robots.txt answers are shared with other processes (a fleet: crawlers/fleet/robots-share.ts). */
  robotsShare?: RobotsShare;
  /** Visit public addresses only: a store at a loopback, private or link-local address is not visited. */
  publicAddressesOnly?: boolean;
  /**
   * Reads a licence picture (crawlers/ocr, Tesseract) when a page shows its identity only so; null to
   * leave such pages image_only. Default: readLicenceImage on the shared pool of OCR processes.
   */
  ocr?: { read(bytes: Buffer): Promise<LicenceReading> } | null;
}

export const DEFAULT_POLITENESS: HostLimiterOptions = {
  perHostConcurrency: 1,
  perHostSpacingMs: 1_000,
  globalConcurrency: 16,
  expirationMs: 120_000,
};

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * Verifies stores: robots.txt, a polite static fetch (redirects followed hop by hop, each through the
 * limiter and robots.txt of its host), the pure extractor and judge, and a browser render when the
 * static page shows no identity but carries scripts. Every outcome is a Verification with evidence;
 * a store that cannot be crawled is inconclusive, never a violation.
 */
export class StoreVerifier {
  readonly stats = new CrawlStats();
  readonly limiter: HostLimiter;
  private readonly robots: RobotsCache;
  private readonly fetchOptions: FetchOptions;
  private readonly retry: RetryPolicy;
  private readonly maxRedirects: number;
  private readonly productToken: string;
  private readonly extractor: Extractor;
  private readonly marks: MarkVerifier;
  private readonly ocr: { read(bytes: Buffer): Promise<LicenceReading> } | null;
  private closing: Promise<void> | undefined;
  private readonly closed = new AbortController();

  constructor(private readonly options: VerifierOptions) {
    this.limiter = options.limiter ?? createHostLimiter({ ...DEFAULT_POLITENESS, ...options.politeness });
    this.fetchOptions = {
      userAgent: options.userAgent ?? CRAWLER_USER_AGENT,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      publicOnly: options.publicAddressesOnly ?? false,
      signal: this.closed.signal,
    };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.maxRedirects = options.maxRedirects ?? 10;
    this.productToken = options.productToken ?? CRAWLER_NAME;
    this.extractor = options.extractor ?? workerExtractor();
    this.marks = new MarkVerifier(
      options.issuers ?? defaultIssuers(),
      this.limiter,
      this.fetchOptions,
      this.retry,
    );
    this.robots = new RobotsCache(
      this.limiter,
      this.fetchOptions,
      this.productToken,
      this.retry,
      undefined,
      undefined,
      options.robotsShare,
    );
    this.ocr = options.ocr === undefined ? { read: (bytes) => readLicenceImage(bytes) } : options.ocr;
  }

  async verifyStore(target: StoreTarget): Promise<Verification> {
    const visit = new VisitLog(target, this.fetchOptions.userAgent);
    const verification = await this.visitStore(target, visit).catch((error: unknown) => {
      if (error instanceof FetchFailed)
        return visit.inconclusive(error.reason, error.message, error.status ?? null);
      if (error instanceof JobExpired) return visit.inconclusive('timeout', error.message, null);
      if (error instanceof ExtractionFailed)
        return visit.inconclusive('extraction_failed', error.message, null);
      throw error;
    });
    this.stats.record(verification);
    return verification;
  }

  /** Loads the extraction workers now, so that the first stores do not wait for them. */
  warm(): Promise<void> {
    return this.extractor.warm();
  }

  /** The browser's pages rendering now and its slots; undefined without a browser. */
  browserPages(): { inUse: number; slots: number } | undefined {
    const b = this.options.browser;
    return b ? { inUse: b.inUse, slots: b.slots } : undefined;
  }

  /**
   * Stops the limiter and closes the browser pool, which the verifier owns from construction. Whoever
   * wanted the visits in flight has waited for them: requests and renders still running are cut off
   * (their caller has given up on what they come back with), so that a slow host cannot hold a shutdown
   * for its timeout.
   */
  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed.abort();
      await Promise.all([this.limiter.stop(), this.options.browser?.close(), this.extractor.close()]);
    })();
    return this.closing;
  }

  private async visitStore(target: StoreTarget, visit: VisitLog): Promise<Verification> {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return visit.inconclusive('unreachable', `not a URL: ${target.url}`, null);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return visit.inconclusive('unreachable', `not an http(s) URL: ${target.url}`, null);
    }
    const seen = new Set<string>();
    let response: FetchedResponse | undefined;
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      if (seen.has(url.href))
        return visit.inconclusive('too_many_redirects', `redirect loop back to ${url.href}`, null);
      seen.add(url.href);
      const robots = await this.robots.state(url.origin);
      if (robots.kind === 'unavailable' && robots.failure) {
        return visit.inconclusive(
          robots.failure.reason,
          `${url.host} cannot be reached: ${robots.failure.message}`,
          null,
        );
      }
      if (robots.kind === 'unavailable') {
        return visit.inconclusive(
          'robots_unavailable',
          `robots.txt of ${url.host} is unavailable; try later`,
          null,
        );
      }
      if (robots.kind === 'rules' && !robots.rules.isAllowed(url.href, this.productToken)) {
        return visit.inconclusive(
          'blocked_by_robots',
          `robots.txt of ${url.host} disallows ${url.pathname}`,
          null,
        );
      }
      response = await this.fetchPage(url, visit);
      if (response.status < 300 || response.status >= 400 || !response.location) break;
      url = new URL(response.location);
      response = undefined;
    }
    if (!response)
      return visit.inconclusive('too_many_redirects', `more than ${this.maxRedirects} redirects`, null);

    const status = response.status;
    visit.finalUrl = response.url;
    visit.status = status;
    visit.truncated = response.truncated;
    const contentType = response.headers['content-type'];
    visit.evidence.raw = await this.options.evidence.put(
      response.body,
      contentType ?? 'application/octet-stream',
    );
    if (status === 404 || status === 410)
      return visit.inconclusive('store_closed', `the store page answers ${status}`, status);
    if (status >= 400) return visit.inconclusive('http_error', `the store page answers ${status}`, status);
    if (!isHtml(contentType, response.body)) {
      return visit.inconclusive(
        'not_html',
        `the store page is ${contentType ?? 'of no declared type'}, not HTML`,
        status,
      );
    }
    const findings = await this.extractor.extract(response.body, contentType, response.url);
    const judgement = await this.readLicencePicture(
      findings,
      judge(findings, target.filed, response.truncated),
      target,
      visit,
    );
    if (judgement.verdict !== 'identity_missing' || findings.page.scriptCount === 0) {
      visit.marks = await this.marks.verifyMarks(findings.trustMarks, response.url);
      return visit.judged(findings, judgement);
    }
    return this.render(response.url, target, visit);
  }

  /**
   * A page that shows its identity only as a licence picture (issue 17): the picture is fetched as pages
   * are (robots.txt of its host, the host's limiter, the byte cap), kept as evidence, read with OCR, and
   * the reading judged against the filing (crawlers/ocr). What cannot be fetched or read confidently
   * leaves the page image_only, saying why.
   */
  private async readLicencePicture(
    findings: Findings,
    judgement: Judgement,
    target: StoreTarget,
    visit: VisitLog,
  ): Promise<Judgement> {
    if (judgement.reason !== 'image_only' || !this.ocr) return judgement;
    const [image] = findings.licenseImages; // hidden pictures are never reported (extract/links.ts)
    let url: URL;
    try {
      url = new URL(image?.src ?? '');
    } catch {
      return judgement;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return judgement;
    const keep = (why: string): Judgement => ({ ...judgement, detail: `${judgement.detail} (${why})` });
    try {
      const robots = await this.robots.state(url.origin);
      if (robots.kind === 'unavailable') return keep(`robots.txt of ${url.host} is unavailable`);
      if (robots.kind === 'rules' && !robots.rules.isAllowed(url.href, this.productToken))
        return keep(`robots.txt of ${url.host} disallows the picture`);
      const response = await this.fetchPage(url, visit, 'picture');
      if (response.status !== 200 || response.truncated)
        return keep(`the picture answers ${response.status}${response.truncated ? ', cut off' : ''}`);
      visit.evidence.license_image = await this.options.evidence.put(
        response.body,
        response.headers['content-type'] ?? 'application/octet-stream',
      );
      const reading = await this.ocr.read(response.body);
      visit.evidence.ocr = await this.options.evidence.put(
        Buffer.from(JSON.stringify(reading)),
        'application/json',
      );
      const read = judgeLicenceReading(reading, target.filed);
      const { filed } = judgement.comparison;
      return {
        verdict: read.verdict,
        ...(read.reason ? { reason: read.reason } : {}),
        detail: `licence picture read by OCR (mean confidence ${Math.round(reading.confidence)}): ${read.detail}`,
        comparison: {
          filed,
          name: !filed.name
            ? 'not_filed'
            : !read.shown.name
              ? 'absent'
              : sameCompanyName(read.shown.name, filed.name)
                ? 'match'
                : 'mismatch',
          uscc: !filed.uscc
            ? 'not_filed'
            : !read.shown.uscc
              ? 'absent'
              : read.shown.uscc === filed.uscc
                ? 'match'
                : 'mismatch',
          shown: read.shown,
        },
      };
    } catch (error) {
      if (error instanceof OcrError) return keep(`the picture could not be read: ${error.code}`);
      if (error instanceof FetchFailed || error instanceof JobExpired)
        return keep(`the picture could not be fetched: ${error.message}`);
      throw error;
    }
  }

  /** One page request with retries; 5xx and 429 are retried (after Retry-After when given). */
  private fetchPage(url: URL, visit: VisitLog, kind: Visit['kind'] = 'page'): Promise<FetchedResponse> {
    return withRetries(
      this.retry,
      async (attempt) => {
        const started = new Date().toISOString();
        const begun = performance.now();
        try {
          const response = await this.limiter.schedule(url.host, () =>
            fetchOnce(url.href, this.fetchOptions),
          );
          visit.add({
            kind,
            url: url.href,
            attempt,
            status: response.status,
            headers: response.headers,
            started_at: response.startedAt,
            timings_ms: { headers: response.timings.headersMs, total: response.timings.totalMs },
          });
          if (response.status === 429 || response.status >= 500) {
            const wait = retryAfterMs(response.headers['retry-after'] ?? null);
            throw new FetchFailed(
              `${url.href} answered ${response.status}`,
              'http_error',
              true,
              wait,
              response.status,
            );
          }
          return response;
        } catch (error) {
          if (!(error instanceof FetchFailed && error.status)) {
            const message = error instanceof Error ? error.message : String(error);
            visit.add({
              kind,
              url: url.href,
              attempt,
              status: null,
              error: message,
              started_at: started,
              timings_ms: { total: Math.round(performance.now() - begun) },
            });
          }
          if (error instanceof JobExpired) throw new FetchFailed(error.message, 'timeout', true);
          throw error;
        }
      },
      () => (visit.retries += 1),
    );
  }

  private async render(url: string, target: StoreTarget, visit: VisitLog): Promise<Verification> {
    visit.mode = 'browser';
    const browser = this.options.browser;
    if (!browser)
      return visit.inconclusive(
        'render_failed',
        'the page is built by script and the browser is off',
        visit.status,
      );
    const host = new URL(url).host;
    const started = new Date().toISOString();
    const begun = performance.now();
    try {
      // A slot of this machine's browser first, then the host's turn: waiting for a slot never holds a
      // host's lease or a share of the fleet's global cap.
      const rendered = await browser.withSlot((render) => this.limiter.schedule(host, () => render(url)));
      visit.add({
        kind: 'browser',
        url,
        attempt: 1,
        status: rendered.status,
        started_at: started,
        timings_ms: { headers: rendered.timings.navigationMs, total: rendered.timings.totalMs },
      });
      visit.browserVersion = rendered.browserVersion;
      visit.finalUrl = rendered.finalUrl;
      visit.evidence.rendered = await this.options.evidence.put(
        Buffer.from(rendered.html, 'utf8'),
        'text/html; charset=utf-8',
      );
      visit.evidence.screenshot = await this.options.evidence.put(rendered.screenshot, 'image/png');
      const findings = await this.extractor.extract(
        Buffer.from(rendered.html, 'utf8'),
        'text/html; charset=utf-8',
        rendered.finalUrl,
      );
      visit.marks = await this.marks.verifyMarks(findings.trustMarks, rendered.finalUrl);
      return visit.judged(
        findings,
        await this.readLicencePicture(findings, judge(findings, target.filed), target, visit),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      visit.add({
        kind: 'browser',
        url,
        attempt: 1,
        status: null,
        error: message,
        started_at: started,
        timings_ms: { total: Math.round(performance.now() - begun) },
      });
      if (error instanceof ExtractionFailed)
        return visit.inconclusive('extraction_failed', message, visit.status);
      const timedOut = error instanceof JobExpired || (error instanceof RenderFailed && error.timedOut);
      return visit.inconclusive(
        timedOut ? 'timeout' : 'render_failed',
        `the browser could not render the page: ${message}`,
        visit.status,
      );
    }
  }
}

function isHtml(contentType: string | undefined, body: Buffer): boolean {
  if (contentType) return HTML_TYPES.test(contentType.trim());
  // No declared type: sniff like a browser would, from the first non-blank bytes.
  return /^\s*(<!doctype html|<html|<head|<body|<!--)/i.test(body.subarray(0, 512).toString('latin1'));
}
