/**
 * What regulators and the crawler do to verifications, and what follows from it. Each verb opens its
 * transaction and writes its rows with their consequences (credit events, mark changes, the audit
 * entry), all or nothing; routes, the console and the crawl runner call these and nothing else writes.
 */
import type { Verification } from '../../crawlers/verify/verification.ts';
import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { type EpisodeChanges, creditFromVerification } from '../credit/from-verification.ts';
import { rescore } from '../credit/service.ts';
import { announceViolation } from '../events/announce.ts';
import { issueMarkByPolicy, revokeAfterVerification } from '../marks/service.ts';
import type { CrawlRow, CrawlScope, VerifiedStore } from './store.ts';

type VerificationGateway = Pick<
  Gateway,
  | 'db'
  | 'verifications'
  | 'credit'
  | 'creditRecords'
  | 'marks'
  | 'keys'
  | 'audit'
  | 'config'
  | 'events'
  | 'sellers'
  | 'accounts'
> &
  Partial<Pick<Gateway, 'metrics'>>;

export interface RecordedVerification {
  verification_id: string;
  episodes: EpisodeChanges;
  revoked_marks: string[];
  issued_mark: string | null;
}

/**
 * Records one visit of a store: the verification with its evidence, what it does to the store's
 * violation episodes and their credit events (credit/from-verification.ts), the marks it revokes (when
 * an identity episode opens) or issues (the auto-issue policy, when it is compliant), the subject's
 * new score, and an audit entry when any of that changed the record. One transaction: after a crash
 * there is the verification with all its consequences, or nothing.
 */
export function recordVerification(
  gw: VerificationGateway,
  crawlId: string | null,
  store: VerifiedStore,
  verification: Verification,
  now = new Date(),
): RecordedVerification {
  const recorded = gw.db
    .transaction((): RecordedVerification => {
      const id = gw.verifications.insertVerification(crawlId, store, verification);
      const episodes = creditFromVerification(gw.credit, store, verification, id, now);
      const revoked = episodes.opened.some((e) => e.about === 'identity')
        ? revokeAfterVerification(gw, store, { id, verdict: verification.verdict }, now)
        : [];
      const issued =
        gw.config.marks.autoIssue && verification.verdict === 'compliant'
          ? issueMarkByPolicy(gw, store, gw.config.marks.days, now)
          : null;
      if (episodes.events.length > 0) rescore(gw, store.subject_id, now);
      // The platform must act on a store found not showing who it is (E-Commerce Law art. 29): told once
      // per violation, when its episode opens, not at every visit that finds it still there.
      if (episodes.opened.length > 0)
        announceViolation(gw, store, { id, verdict: verification.verdict }, episodes.opened, now);
      // Each visit is in the verifications table already; the log gets what a visit changed.
      if (
        episodes.opened.length + episodes.closed.length + episodes.events.length + revoked.length > 0 ||
        issued
      )
        gw.audit.append(
          {
            actor: 'system',
            action: 'verification.record',
            target_type: 'verification',
            target_id: id,
            detail: {
              crawl_id: crawlId,
              platform_id: store.platform_id,
              seller_id: store.seller_id,
              subject_id: store.subject_id,
              verdict: verification.verdict,
              episodes_opened: episodes.opened.map((e) => ({
                id: e.id,
                about: e.about,
                mark: e.mark_key || null,
                violation: e.violation,
                severity: e.severity,
              })),
              episodes_closed: episodes.closed,
              credit_events: episodes.events.map((e) => e.id),
              revoked_marks: revoked,
              issued_mark: issued?.id ?? null,
            },
          },
          now,
        );
      return {
        verification_id: id,
        episodes,
        revoked_marks: revoked,
        issued_mark: issued?.id ?? null,
      };
    })
    .immediate();
  gw.metrics?.crawlPage(verification.verdict, store.store_url);
  return recorded;
}

/** What a crawl is asked to cover, in the API's terms (platform slugs). */
export interface CrawlRequest {
  /** Every active store of every platform: said outright, never implied by an empty request. */
  all?: boolean | undefined;
  platforms?: string[] | undefined;
  stores?: { platform: string; seller_id: string }[] | undefined;
  stale_days?: number | undefined;
}

export const EMPTY_SCOPE_RULE =
  'name platforms, stores or stale_days, or send "all": true to crawl every active store';

/**
 * The crawl scope of a request; unknown platforms and stores are refused, each named by its field. A
 * request that names nothing is refused: `{}` (or the console's "all platforms" left as it is) used to
 * crawl every store of every platform, which is hours of crawling nobody may have meant; that takes
 * `"all": true`, alone.
 */
export function crawlScope(gw: Pick<Gateway, 'accounts' | 'sellers'>, request: CrawlRequest): CrawlScope {
  const named =
    request.platforms !== undefined || request.stores !== undefined || request.stale_days !== undefined;
  if (request.all === true && named)
    throw invalidScope([
      {
        field: 'all',
        message: '"all": true crawls every active store: send it without platforms, stores or stale_days',
      },
    ]);
  if (request.all !== true && !named) throw invalidScope([{ field: '', message: EMPTY_SCOPE_RULE }]);
  const errors: { field: string; message: string }[] = [];
  const platformId = (slug: string, field: string) => {
    const row = gw.accounts.platformBySlug(slug);
    if (!row) errors.push({ field, message: `no platform ${slug}` });
    return row?.id ?? 0;
  };
  const scope: CrawlScope = {};
  if (request.platforms)
    scope.platform_ids = request.platforms.map((slug, i) => platformId(slug, `platforms.${i}`));
  if (request.stores) {
    scope.stores = request.stores.map((store, i) => {
      const id = platformId(store.platform, `stores.${i}.platform`);
      if (id && !gw.sellers.exists(id, store.seller_id))
        errors.push({
          field: `stores.${i}.seller_id`,
          message: `${store.platform} has filed no seller ${store.seller_id}`,
        });
      return { platform_id: id, seller_id: store.seller_id };
    });
  }
  if (request.stale_days !== undefined) scope.stale_days = request.stale_days;
  if (errors.length > 0) throw invalidScope(errors);
  // `all` is the empty scope: addStores (store.ts) then takes every active store.
  return scope;
}

function invalidScope(errors: { field: string; message: string }[]): DomainError {
  return new DomainError('invalid_body', errors.map((e) => `${e.field || 'body'}: ${e.message}`).join('; '), {
    errors,
  });
}

/**
 * Starts a crawl for a regulator: the crawl with every store its scope covers and the audit entry, in one
 * transaction; then it is queued (a crawl committed but not queued, by a crash, is taken up by resume()).
 */
export function startCrawl(
  gw: Pick<Gateway, 'db' | 'accounts' | 'sellers' | 'verifications' | 'crawls' | 'audit'>,
  request: CrawlRequest,
  actor: string,
  options: { via?: 'console' } = {},
  now = new Date(),
): CrawlRow {
  const scope = crawlScope(gw, request);
  const crawl = gw.db
    .transaction(() => {
      const created = gw.verifications.createCrawl(scope, actor, now);
      gw.audit.append(
        {
          actor,
          action: 'crawl.start',
          target_type: 'crawl',
          target_id: created.id,
          detail: { scope: request, stores: created.total, ...(options.via ? { via: options.via } : {}) },
        },
        now,
      );
      return created;
    })
    .immediate();
  gw.crawls.schedule(crawl);
  return crawl;
}

/**
 * Cancels a crawl for a regulator: its stores not yet taken are not visited, those in flight finish and
 * are recorded; the crawl's state is 'cancelled' from now on, and a restart does not take it up again.
 * The runner reads the cancellation from the database as it takes each store, so the crawl stops in
 * whichever process runs it. Cancelling a cancelled crawl changes nothing and returns it (no second
 * audit entry); a crawl that ended (done or failed) cannot be cancelled.
 */
export function cancelCrawl(
  gw: Pick<Gateway, 'db' | 'verifications' | 'audit'>,
  crawlId: string,
  actor: string,
  now = new Date(),
): CrawlRow {
  return gw.db
    .transaction((): CrawlRow => {
      const crawl = gw.verifications.crawl(crawlId);
      if (!crawl) throw notFound('crawl');
      if (crawl.cancelled_at) return crawl;
      if (crawl.status === 'done' || crawl.status === 'failed')
        throw new DomainError(
          'conflict',
          `the crawl ended (${crawl.status}) at ${crawl.finished_at}: there is nothing left to cancel`,
          { crawl_status: crawl.status },
        );
      const unvisited = gw.verifications.unvisitedCount(crawlId);
      gw.verifications.cancelCrawl(crawlId, actor, now);
      gw.audit.append(
        {
          actor,
          action: 'crawl.cancel',
          target_type: 'crawl',
          target_id: crawlId,
          // Stores in flight are among the unvisited here, and may still be recorded.
          detail: { status: crawl.status, stores: crawl.total, unvisited },
        },
        now,
      );
      return gw.verifications.crawl(crawlId)!;
    })
    .immediate();
}
