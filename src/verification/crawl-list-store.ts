import type { Verification } from '../../crawlers/verify/verification.ts';
import type { Db } from '../db/database.ts';
import type { CrawlCounts, CrawlRow } from './store.ts';

/** One store of a crawl with the verdict the crawl found (none yet, or never: a cancelled crawl). */
export interface CrawlResultRow {
  ord: number;
  platform: string;
  seller_id: string;
  store_name: string;
  store_url: string;
  verdict: Verification['verdict'] | null;
  reason: string | null;
  verification_id: string | null;
  finished_at: string | null;
}

export interface CrawlResultFilter {
  /** A verdict, or 'unvisited' for the stores the crawl has not visited. */
  verdict?: Verification['verdict'] | 'unvisited' | undefined;
  reason?: string | undefined;
}

/** SQL for listing crawls and a crawl's results (GET /v1/regulator/crawls...). Reads only. */
export function crawlListStore(db: Db) {
  const q = {
    // crawls_created serves both: the newest first, then on from a cursor.
    first: db.prepare<[number], CrawlRow>('SELECT * FROM crawls ORDER BY created_at DESC, id DESC LIMIT ?'),
    after: db.prepare<[string, string, number], CrawlRow>(
      `SELECT * FROM crawls WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    // verifications_crawl serves it: one index range per crawl.
    verdicts: db.prepare<[string], { crawl_id: string; verdict: string; n: number; marks: number }>(
      `SELECT crawl_id, verdict, count(*) AS n, sum(marks_violation) AS marks FROM verifications
       WHERE crawl_id IN (SELECT value FROM json_each(?)) GROUP BY crawl_id, verdict`,
    ),
    // In crawl order (the primary key of crawl_stores), so that a cursor is the last row's `ord` and paging
    // neither repeats nor skips a store. The store's name is the one filed in the version the page was
    // compared with; a store not visited shows its current filing. No personal data: no legal name of a
    // natural person, no ID number, no phone.
    results: db.prepare<
      { crawl_id: string; after: number; verdict: string | null; reason: string | null; limit: number },
      CrawlResultRow
    >(
      `SELECT cs.ord, p.slug AS platform, cs.seller_id, coalesce(sv.store_name, s.store_name) AS store_name,
         coalesce(v.store_url, s.store_url) AS store_url, v.verdict, v.reason, v.id AS verification_id,
         v.finished_at
       FROM crawl_stores cs
       JOIN platforms p ON p.id = cs.platform_id
       JOIN sellers s ON s.platform_id = cs.platform_id AND s.seller_id = cs.seller_id
       LEFT JOIN verifications v ON v.id = cs.verification_id
       LEFT JOIN seller_versions sv
         ON sv.platform_id = v.platform_id AND sv.seller_id = v.seller_id AND sv.version = v.seller_version
       WHERE cs.crawl_id = @crawl_id AND cs.ord > @after
         AND (@verdict IS NULL OR v.verdict = @verdict OR (@verdict = 'unvisited' AND cs.verification_id IS NULL))
         AND (@reason IS NULL OR v.reason = @reason)
       ORDER BY cs.ord LIMIT @limit`,
    ),
  };

  return {
    /** Crawls, newest first, after the one a cursor names (created_at, id). */
    crawls: (limit: number, after?: { created_at: string; id: string }) =>
      after ? q.after.all(after.created_at, after.id, limit) : q.first.all(limit),
    /** Each crawl's verifications by verdict. */
    verdictCounts(crawlIds: string[]): Map<string, CrawlCounts> {
      const out = new Map<string, CrawlCounts>(
        crawlIds.map((id) => [id, { verdicts: {}, mark_violations: 0 }]),
      );
      for (const row of q.verdicts.all(JSON.stringify(crawlIds))) {
        const counts = out.get(row.crawl_id)!;
        counts.verdicts[row.verdict] = row.n;
        counts.mark_violations += row.marks;
      }
      return out;
    },
    /**
     * The stores of a crawl after `afterOrd`, in crawl order, filtered. A filter that few stores pass reads
     * the crawl's stores in order until the page is full: a crawl is read once over all its pages.
     */
    results: (crawlId: string, filter: CrawlResultFilter, afterOrd: number, limit: number) =>
      q.results.all({
        crawl_id: crawlId,
        after: afterOrd,
        verdict: filter.verdict ?? null,
        reason: filter.reason ?? null,
        limit,
      }),
  };
}

export type CrawlListStore = ReturnType<typeof crawlListStore>;
