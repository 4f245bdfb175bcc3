import type { EvidenceRef } from '../../crawlers/evidence.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { CrawlStats } from '../../crawlers/verify/stats.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import type { MarkVerdict } from '../../crawlers/marks/types.ts';

/** What a crawl was asked to cover. */
export interface CrawlScope {
  platform_ids?: number[];
  stores?: { platform_id: number; seller_id: string }[];
  /** Only stores with no verification newer than this many days. */
  stale_days?: number;
}

export interface CrawlRow {
  id: string;
  requested_by: string;
  scope: string;
  /** Whether the runner holds it; a cancelled crawl's state is 'cancelled' whatever this says (crawlState). */
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

/** A store to visit, with the filing it is compared against. */
export interface PendingStore {
  ord: number;
  platform_id: number;
  platform: string;
  seller_id: string;
  subject_id: string;
  seller_version: number;
  store_url: string;
  legal_name: string;
  uscc: string | null;
}

/** The store a verification is of, as stored with it; `ord` is its place in the crawl that visited it. */
export type VerifiedStore = Pick<
  PendingStore,
  'platform_id' | 'seller_id' | 'subject_id' | 'seller_version' | 'store_url'
> & { ord?: number };

/** A crawl's verifications by verdict, and how many of them found a trust mark not genuine. */
export interface CrawlCounts {
  verdicts: Record<string, number>;
  mark_violations: number;
}

export interface VerificationRow {
  id: string;
  crawl_id: string | null;
  platform_id: number;
  seller_id: string;
  subject_id: string;
  seller_version: number;
  store_url: string;
  verdict: Verification['verdict'];
  reason: string | null;
  record: string;
  finished_at: string;
}

export function verificationStore(db: Db) {
  const q = {
    insertCrawl: db.prepare(
      `INSERT INTO crawls (id, requested_by, scope, status, total, created_at)
       VALUES (@id, @requested_by, @scope, 'queued', 0, @created_at)`,
    ),
    setTotal: db.prepare<[string, string]>(
      'UPDATE crawls SET total = (SELECT count(*) FROM crawl_stores WHERE crawl_id = ?) WHERE id = ?',
    ),
    crawl: db.prepare<[string], CrawlRow>('SELECT * FROM crawls WHERE id = ?'),
    unfinished: db.prepare<[], CrawlRow>(
      "SELECT * FROM crawls WHERE status IN ('queued', 'running') AND cancelled_at IS NULL ORDER BY id",
    ),
    start: db.prepare<[string, string]>(
      "UPDATE crawls SET status = 'running', started_at = coalesce(started_at, ?) WHERE id = ? AND cancelled_at IS NULL",
    ),
    // A queued crawl has nothing in flight (the runner starts a crawl before it takes any of its stores), so
    // it ends now; a running one ends when the runner lets go of it, after the stores in flight.
    cancel: db.prepare<{ id: string; at: string; by: string }>(
      `UPDATE crawls SET cancelled_at = @at, cancelled_by = @by,
         status = CASE status WHEN 'queued' THEN 'done' ELSE status END,
         finished_at = CASE status WHEN 'queued' THEN @at ELSE finished_at END
       WHERE id = @id AND cancelled_at IS NULL`,
    ),
    cancelled: db.prepare<[string], number>('SELECT cancelled_at IS NOT NULL FROM crawls WHERE id = ?'),
    // Crawls cancelled while running whose runner stopped (a restart) before it let go of them.
    settleCancelled: db.prepare<[string]>(
      "UPDATE crawls SET status = 'done', finished_at = ? WHERE status IN ('queued', 'running') AND cancelled_at IS NOT NULL",
    ),
    unvisited: db.prepare<[string], number>(
      'SELECT count(*) FROM crawl_stores WHERE crawl_id = ? AND verification_id IS NULL',
    ),
    finish: db.prepare<[string, string, string | null, string]>(
      'UPDATE crawls SET status = ?, finished_at = ?, error = ? WHERE id = ?',
    ),
    pending: db.prepare<[string, number, number], PendingStore>(
      `SELECT cs.ord, cs.platform_id, p.slug AS platform, cs.seller_id, s.subject_id, s.version AS seller_version,
              s.store_url, s.legal_name, sub.uscc
       FROM crawl_stores cs
       JOIN sellers s ON s.platform_id = cs.platform_id AND s.seller_id = cs.seller_id
       JOIN platforms p ON p.id = cs.platform_id
       JOIN subjects sub ON sub.id = s.subject_id
       WHERE cs.crawl_id = ? AND cs.verification_id IS NULL AND cs.ord > ?
       ORDER BY cs.ord LIMIT ?`,
    ),
    crawlStore: db.prepare<[string, number], PendingStore & { verification_id: string | null }>(
      `SELECT cs.ord, cs.platform_id, p.slug AS platform, cs.seller_id, s.subject_id, s.version AS seller_version,
              s.store_url, s.legal_name, sub.uscc, cs.verification_id
       FROM crawl_stores cs
       JOIN sellers s ON s.platform_id = cs.platform_id AND s.seller_id = cs.seller_id
       JOIN platforms p ON p.id = cs.platform_id
       JOIN subjects sub ON sub.id = s.subject_id
       WHERE cs.crawl_id = ? AND cs.ord = ?`,
    ),
    counts: db.prepare<[string], { verdict: string; n: number; marks: number }>(
      `SELECT verdict, count(*) AS n, sum(marks_violation) AS marks FROM verifications WHERE crawl_id = ?
       GROUP BY verdict`,
    ),
    insertVerification: db.prepare(
      `INSERT INTO verifications (id, crawl_id, platform_id, seller_id, subject_id, seller_version, store_url,
         verdict, reason, marks_violation, record, finished_at)
       VALUES (@id, @crawl_id, @platform_id, @seller_id, @subject_id, @seller_version, @store_url,
         @verdict, @reason, @marks_violation, @record, @finished_at)`,
    ),
    insertEvidence: db.prepare(
      `INSERT INTO verification_evidence (verification_id, sha256, kind, media_type, size)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    markVisited: db.prepare<[string, string, number]>(
      'UPDATE crawl_stores SET verification_id = ? WHERE crawl_id = ? AND ord = ?',
    ),
    ofStore: db.prepare<[number, string, string, number], VerificationRow>(
      `SELECT * FROM verifications WHERE platform_id = ? AND seller_id = ? AND finished_at < ?
       ORDER BY finished_at DESC LIMIT ?`,
    ),
    verification: db.prepare<[string], VerificationRow>('SELECT * FROM verifications WHERE id = ?'),
    latestOfStore: db.prepare<[number, string], Omit<VerificationRow, 'record'>>(
      `SELECT id, crawl_id, platform_id, seller_id, subject_id, seller_version, store_url, verdict, reason, finished_at
       FROM verifications WHERE platform_id = ? AND seller_id = ? ORDER BY finished_at DESC LIMIT 1`,
    ),
    records: db.prepare<[string], string>('SELECT record FROM verifications WHERE crawl_id = ?'),
    recentCrawls: db.prepare<[number], CrawlRow>(
      'SELECT * FROM crawls ORDER BY created_at DESC, id DESC LIMIT ?',
    ),
    // Violations first: of identity, then of trust marks; each with its marks' issuers and verdicts.
    ofCrawl: db.prepare<[string, number], Omit<VerificationRow, 'record'> & { marks: string }>(
      `SELECT id, crawl_id, platform_id, seller_id, subject_id, seller_version, store_url, verdict, reason,
         finished_at, marks_violation,
         (SELECT json_group_array(json_object('issuer', json_extract(m.value, '$.issuer'),
                   'verdict', json_extract(m.value, '$.verdict')))
            FROM json_each(record, '$.marks') m) AS marks
       FROM verifications WHERE crawl_id = ?
       ORDER BY verdict = 'compliant', verdict = 'inconclusive', marks_violation = 0, finished_at LIMIT ?`,
    ),
    // Per store, its latest verification (verifications_store serves the inner look-up).
    latestVerdicts: db.prepare<[], { verdict: string; n: number }>(
      `SELECT verdict, count(*) AS n FROM verifications v WHERE finished_at =
         (SELECT max(finished_at) FROM verifications w WHERE w.platform_id = v.platform_id AND w.seller_id = v.seller_id)
       GROUP BY verdict`,
    ),
    evidence: db.prepare<[string, string], { media_type: string; size: number; kind: string }>(
      'SELECT media_type, size, kind FROM verification_evidence WHERE verification_id = ? AND sha256 = ?',
    ),
  };

  /** Adds the stores a scope covers to a crawl, in one statement: active stores only. */
  function addStores(crawlId: string, scope: CrawlScope, now: Date): void {
    const where = ["s.status = 'active'"];
    const params: (string | number)[] = [crawlId];
    if (scope.platform_ids?.length) {
      where.push(`s.platform_id IN (${scope.platform_ids.map(() => '?').join(',')})`);
      params.push(...scope.platform_ids);
    }
    if (scope.stores?.length) {
      where.push(`(s.platform_id, s.seller_id) IN (VALUES ${scope.stores.map(() => '(?, ?)').join(',')})`);
      for (const store of scope.stores) params.push(store.platform_id, store.seller_id);
    }
    if (scope.stale_days !== undefined) {
      const since = new Date(now.getTime() - scope.stale_days * 86_400_000).toISOString();
      where.push(
        `NOT EXISTS (SELECT 1 FROM verifications v WHERE v.platform_id = s.platform_id AND v.seller_id = s.seller_id AND v.finished_at >= ?)`,
      );
      params.push(since);
    }
    db.prepare(
      `INSERT INTO crawl_stores (crawl_id, ord, platform_id, seller_id)
       SELECT ?, row_number() OVER (ORDER BY s.platform_id, s.seller_id), s.platform_id, s.seller_id
       FROM sellers s WHERE ${where.join(' AND ')}`,
    ).run(...params);
  }

  q.records.pluck();
  q.cancelled.pluck();
  q.unvisited.pluck();
  return {
    /** Creates a crawl with every store its scope covers; returns it with its total. */
    createCrawl: db.transaction(
      (scope: CrawlScope, requestedBy: string, now: Date = new Date()): CrawlRow => {
        const id = newId();
        q.insertCrawl.run({
          id,
          requested_by: requestedBy,
          scope: JSON.stringify(scope),
          created_at: now.toISOString(),
        });
        addStores(id, scope, now);
        q.setTotal.run(id, id);
        return q.crawl.get(id)!;
      },
    ),
    crawl: (id: string) => q.crawl.get(id),
    /** Crawls queued or running and not cancelled: what resume() takes up. */
    unfinishedCrawls: () => q.unfinished.all(),
    /** Marks a crawl running; false when it was cancelled (the runner then leaves it). */
    startCrawl: (id: string) => q.start.run(new Date().toISOString(), id).changes > 0,
    /** Marks a crawl cancelled (the row only: cancelCrawl in service.ts writes it with its audit entry). */
    cancelCrawl: (id: string, by: string, now: Date) =>
      q.cancel.run({ id, at: now.toISOString(), by }).changes > 0,
    isCancelled: (id: string) => q.cancelled.get(id) === 1,
    /** Ends the cancelled crawls that no runner holds any more (after a restart); returns how many. */
    settleCancelled: (now = new Date()) => q.settleCancelled.run(now.toISOString()).changes,
    /** Stores of a crawl not visited (yet). */
    unvisitedCount: (crawlId: string) => q.unvisited.get(crawlId) ?? 0,
    finishCrawl: (id: string, status: 'done' | 'failed', error: string | null = null) =>
      q.finish.run(status, new Date().toISOString(), error, id),
    /** One store of a crawl, by its place in it, with its verification once visited. */
    crawlStore: (crawlId: string, ord: number) => q.crawlStore.get(crawlId, ord),
    /** Stores of a crawl not visited yet, after `afterOrd`, in crawl order. */
    pendingStores: (crawlId: string, afterOrd: number, limit: number) =>
      q.pending.all(crawlId, afterOrd, limit),
    /** A crawl's verifications by verdict, and how many found a trust mark not genuine. */
    verdictCounts(crawlId: string): CrawlCounts {
      const rows = q.counts.all(crawlId);
      return {
        verdicts: Object.fromEntries(rows.map((row) => [row.verdict, row.n])),
        mark_violations: rows.reduce((sum, row) => sum + row.marks, 0),
      };
    },
    /**
     * Inserts one visit's verification and its evidence, and marks the store visited. The row only:
     * recordVerification (service.ts) writes it with its consequences, in its transaction.
     */
    insertVerification(crawlId: string | null, store: VerifiedStore, verification: Verification): string {
      const id = newId();
      q.insertVerification.run({
        id,
        crawl_id: crawlId,
        platform_id: store.platform_id,
        seller_id: store.seller_id,
        subject_id: store.subject_id,
        seller_version: store.seller_version,
        store_url: store.store_url,
        verdict: verification.verdict,
        reason: verification.reason ?? null,
        marks_violation: verification.marks_violation ? 1 : 0,
        record: JSON.stringify(verification),
        finished_at: verification.finished_at,
      });
      const pieces = Object.entries(verification.evidence) as [string, EvidenceRef][];
      for (const [kind, ref] of pieces) q.insertEvidence.run(id, ref.sha256, kind, ref.media_type, ref.size);
      if (crawlId && store.ord !== undefined) q.markVisited.run(id, crawlId, store.ord);
      return id;
    },
    /** A store's verifications, newest first, before `before` (for paging). */
    verificationsOf: (platformId: number, sellerId: string, before: string, limit: number) =>
      q.ofStore.all(platformId, sellerId, before, limit),
    verification: (id: string) => q.verification.get(id),
    /** A store's latest verification without the crawler's record (what pages list). */
    latestOfStore: (platformId: number, sellerId: string) => q.latestOfStore.get(platformId, sellerId),
    /** Statistics of a crawl, from its stored verifications (read one at a time). */
    crawlStats(crawlId: string): CrawlStats {
      const stats = new CrawlStats();
      for (const record of q.records.iterate(crawlId)) stats.record(JSON.parse(record) as Verification);
      return stats;
    },
    evidence: (verificationId: string, sha256: string) => q.evidence.get(verificationId, sha256),
    /** The most recent crawls, newest first (the console's crawl list). */
    recentCrawls: (limit: number) => q.recentCrawls.all(limit),
    /** A crawl's verifications without the crawler's record, violations first (the console's results). */
    ofCrawl: (crawlId: string, limit: number) =>
      q.ofCrawl.all(crawlId, limit).map((row) => ({
        ...row,
        marks: JSON.parse(row.marks) as { issuer: string | null; verdict: MarkVerdict }[],
      })),
    /** Stores by the verdict of their latest verification (the dashboard). */
    latestVerdictCounts: (): Record<string, number> =>
      Object.fromEntries(q.latestVerdicts.all().map((r) => [r.verdict, r.n])),
  };
}

export type VerificationStore = ReturnType<typeof verificationStore>;
