import path from 'node:path';
import type { Logger } from 'pino';
import { BrowserNotFound, findChromium } from '../../crawlers/browser/chromium.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { StoreVerifier, type VerifierOptions } from '../../crawlers/verify/verify-store.ts';
import { defaultIssuers, mergeIssuers, readIssuersFile } from '../../crawlers/marks/registry.ts';
import type { IssuerEntry } from '../../crawlers/marks/types.ts';
import { CRAWLER_USER_AGENT } from '../../crawlers/version.ts';
import type { Config } from '../config.ts';

/** Where the gateway keeps evidence: content-addressed files beside the database. */
export function evidenceStore(config: Config): DirectoryEvidenceStore {
  return new DirectoryEvidenceStore(path.join(config.dataDir, 'evidence'));
}

/**
 * The crawler as the gateway configures it. Without a Chromium (or with no browser slots) it crawls
 * statically, and script-built pages come out inconclusive, not as violations.
 */
export function createVerifier(
  config: Config,
  logger: Logger,
  overrides: Partial<VerifierOptions> = {},
): StoreVerifier {
  let browser: BrowserPool | null = null;
  if (config.crawl.browserSlots > 0) {
    try {
      browser = new BrowserPool({
        executablePath: findChromium(config.chromiumPath),
        userAgent: CRAWLER_USER_AGENT,
        slots: config.crawl.browserSlots,
        navigationTimeoutMs: config.crawl.timeoutMs,
        publicAddressesOnly: !config.crawl.allowPrivateAddresses,
      });
    } catch (error) {
      if (!(error instanceof BrowserNotFound)) throw error;
      logger.warn(
        { err: error.message },
        'crawling without a browser: script-built pages will be inconclusive',
      );
    }
  }
  return new StoreVerifier({
    evidence: evidenceStore(config),
    browser,
    issuers: crawlIssuers(config),
    timeoutMs: config.crawl.timeoutMs,
    politeness: { perHostSpacingMs: config.crawl.spacingMs, globalConcurrency: config.crawl.concurrency },
    publicAddressesOnly: !config.crawl.allowPrivateAddresses,
    ...overrides,
  });
}

/** The trust-mark issuers the crawler recognises: the built-in ones, this gateway, the configured file. */
export function crawlIssuers(config: Config): IssuerEntry[] {
  return mergeIssuers(
    defaultIssuers(),
    [ownIssuer(config)],
    config.marks.issuersFile ? readIssuersFile(config.marks.issuersFile) : [],
  );
}

/** This gateway as an issuer of marks: confirmed by its public verification page, asked for JSON. */
export function ownIssuer(config: Config): IssuerEntry {
  return {
    id: 'marketgate',
    name: 'marketgate',
    hosts: [new URL(config.publicUrl).host],
    claims: ['marketgate'],
    id_from: { path: '/marks/([0-9A-Z]{26})' },
    confirm: {
      kind: 'status_endpoint',
      url: `${config.publicUrl}/marks/{id}`,
      status_field: 'status',
      valid: ['active'],
      expired: ['expired'],
      revoked: ['revoked'],
      site_field: 'origin',
    },
  };
}
