/**
 * A crawl as the API shows it: its state, its counts by verdict, what it was asked to cover (in the API's
 * terms: platform slugs) and who started or cancelled it. Pure, but for the names it looks up.
 */
import type { AccountsStore } from '../accounts/store.ts';
import type { CrawlCounts, CrawlRow, CrawlScope } from './store.ts';

export type { CrawlCounts };

/** A crawl's state: the runner's status, unless it was cancelled. */
export type CrawlState = CrawlRow['status'] | 'cancelled';

export const CRAWL_STATES = [
  'queued',
  'running',
  'done',
  'failed',
  'cancelled',
] as const satisfies readonly CrawlState[];

/**
 * A crawl cancelled while running is 'cancelled' at once; its `finished_at` is set when the stores that
 * were in flight have been recorded (the runner lets go of it), and its counts are final from then on.
 */
export function crawlState(crawl: Pick<CrawlRow, 'status' | 'cancelled_at'>): CrawlState {
  return crawl.cancelled_at ? 'cancelled' : crawl.status;
}

export interface CrawlProgress {
  crawl_id: string;
  status: CrawlState;
  total: number;
  done: number;
  compliant: number;
  violations: number;
  /** Verifications that found a trust mark not genuine, whatever the identity's verdict. */
  mark_violations: number;
  inconclusive: number;
  verdicts: Record<string, number>;
  pages_per_second: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** A crawl's progress from its row and the count of its verifications by verdict. */
export function progressOf(
  crawl: CrawlRow,
  { verdicts, mark_violations }: CrawlCounts,
  now = Date.now(),
): CrawlProgress {
  const count = (verdict: string) => verdicts[verdict] ?? 0;
  const done = Object.values(verdicts).reduce((sum, n) => sum + n, 0);
  let pagesPerSecond: number | null = null;
  if (crawl.started_at && done > 0) {
    const end = crawl.finished_at ? Date.parse(crawl.finished_at) : now;
    pagesPerSecond = Math.round((done / Math.max(1, end - Date.parse(crawl.started_at))) * 1000 * 100) / 100;
  }
  return {
    crawl_id: crawl.id,
    status: crawlState(crawl),
    total: crawl.total,
    done,
    compliant: count('compliant'),
    violations: count('identity_missing') + count('identity_mismatch'),
    mark_violations,
    inconclusive: count('inconclusive'),
    verdicts,
    pages_per_second: pagesPerSecond,
    created_at: crawl.created_at,
    started_at: crawl.started_at,
    finished_at: crawl.finished_at,
    error: crawl.error,
  };
}

/** Who did something to a crawl: the actor as recorded, and a regulator's name. */
export interface Actor {
  actor: string;
  name: string | null;
}

/** What a crawl was asked to cover, as a request names it. */
export interface ScopeView {
  all?: true;
  platforms?: string[];
  stores?: { platform: string; seller_id: string }[];
  stale_days?: number;
}

type Accounts = Pick<AccountsStore, 'regulatorById' | 'listPlatforms'>;

/**
 * Builds crawl views for one response: platform slugs and regulators' names are looked up once each.
 * A scope with no platforms, stores nor staleness covers every active store (`all`), as crawls started
 * before the rule that asks for `"all": true` did.
 */
export function crawlViewer(accounts: Accounts) {
  let slugs: Map<number, string> | undefined;
  const slug = (id: number) => {
    slugs ??= new Map(accounts.listPlatforms().map((p) => [p.id, p.slug]));
    return slugs.get(id) ?? String(id);
  };
  const names = new Map<number, string | null>();
  const actor = (recorded: string): Actor => {
    const m = /^regulator:(\d+)$/.exec(recorded);
    if (!m) return { actor: recorded, name: null };
    const id = Number(m[1]);
    if (!names.has(id)) names.set(id, accounts.regulatorById(id)?.name ?? null);
    return { actor: recorded, name: names.get(id)! };
  };
  const scopeOf = (json: string): ScopeView => {
    const scope = JSON.parse(json) as CrawlScope;
    const view: ScopeView = {};
    if (scope.platform_ids?.length) view.platforms = scope.platform_ids.map(slug);
    if (scope.stores?.length)
      view.stores = scope.stores.map((s) => ({ platform: slug(s.platform_id), seller_id: s.seller_id }));
    if (scope.stale_days !== undefined) view.stale_days = scope.stale_days;
    return Object.keys(view).length ? view : { all: true };
  };
  return (crawl: CrawlRow, counts: CrawlCounts) => ({
    ...progressOf(crawl, counts),
    scope: scopeOf(crawl.scope),
    started_by: actor(crawl.requested_by),
    cancelled_at: crawl.cancelled_at,
    cancelled_by: crawl.cancelled_by ? actor(crawl.cancelled_by) : null,
  });
}

export type CrawlView = ReturnType<ReturnType<typeof crawlViewer>>;
