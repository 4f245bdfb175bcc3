/**
 * Kept public credit pages: GET /public/credit/subjects/{id} served from a copy kept in the database
 * instead of the eight reads that build it.
 *
 * A kept page is the page without its score. The score decays by the millisecond, so it is computed for
 * each request from the events kept with the page (scoring is pure and cheap); everything else changes
 * only when a record is written, or at a moment known when the page is built (`changes_at`: an active
 * mark expires, a penalty's publication ends).
 *
 * A kept page is a cache, never a source. The triggers of migration 010 bump a subject's version in the
 * same transaction as any write that can change its page, so a kept page counts only while
 *   - its version is the subject's (read in the same snapshot as the records it was built from),
 *   - its format is this code's (FORMAT and the public URL the mark links carry), and
 *   - the moment asked for lies between its `built_at` and its `changes_at`.
 * Otherwise the page is built from the records, served, and kept again. Kept pages are read and written
 * by a connection of their own (openCacheConnection): it reads them through a memory map, never waits
 * for the database's write lock (the filing writer may hold it for a while) and does not fsync; a write
 * that would wait is tried again later, and a lost one costs one rebuild. An older build never replaces
 * a newer one.
 */
import type { CreditPages, CreditPagesStats } from './pages-interface.ts';
import type { Db } from '../db/database.ts';
import type { Gateway } from '../gateway-types.ts';
import { type PageEvent, publicCredit, publicSubjectRecord } from './views.ts';

/**
 * Bumped whenever the page's shape, its content rules or what is kept of an event for the score change:
 * pages of another format are rebuilt.
 */
const FORMAT = 2;
/** Pages waiting to be written; beyond this, the oldest wait is dropped (it is rebuilt when asked for). */
const MAX_PENDING = 10_000;
const FLUSH_DELAY_MS = 20;
const BUSY_RETRY_MS = 200;

interface KeptPage {
  subject_id: string;
  version: number;
  format: string;
  changes_at: string | null;
  head: string;
  tail: string;
  events: string | null;
  built_at: string;
}

type PageGateway = Parameters<typeof publicSubjectRecord>[0] & Pick<Gateway, 'db' | 'config' | 'logger'>;

/**
 * The kept pages of a gateway. `cache` is a connection of its own to the same database
 * (openCacheConnection): it reads the kept pages, and writes them without waiting for the lock.
 */
export function creditPages(gw: PageGateway, cache: Db): CreditPages {
  // Read each time: a gateway started on port 0 learns its public URL once it listens.
  const format = () => `${FORMAT} ${gw.config.publicUrl}`;
  const q = {
    // One read: the page, if it is of this format and its version is the subject's.
    kept: cache.prepare<[string, string], Omit<KeptPage, 'subject_id' | 'version' | 'format'>>(
      `SELECT p.built_at, p.changes_at, p.head, p.tail, p.events FROM credit_pages p
       WHERE p.subject_id = ? AND p.format = ?
         AND p.version = coalesce((SELECT v.version FROM credit_page_versions v WHERE v.subject_id = p.subject_id), 0)`,
    ),
    version: gw.db
      .prepare<[string], number>('SELECT version FROM credit_page_versions WHERE subject_id = ?')
      .pluck(),
    // Subjects whose page is missing, of another format or version, or past its moment to change.
    stale: gw.db
      .prepare<[string, string, string, number], string>(
        `SELECT s.id FROM subjects s
         LEFT JOIN credit_pages p ON p.subject_id = s.id
         LEFT JOIN credit_page_versions v ON v.subject_id = s.id
         WHERE s.id > ? AND (p.subject_id IS NULL OR p.format <> ? OR p.version <> coalesce(v.version, 0)
                             OR p.changes_at <= ?)
         ORDER BY s.id LIMIT ?`,
      )
      .pluck(),
    write: cache.prepare<[KeptPage]>(
      `INSERT INTO credit_pages (subject_id, version, format, changes_at, head, tail, events, built_at)
       VALUES (@subject_id, @version, @format, @changes_at, @head, @tail, @events, @built_at)
       ON CONFLICT (subject_id) DO UPDATE SET
         version = excluded.version, format = excluded.format, changes_at = excluded.changes_at,
         head = excluded.head, tail = excluded.tail, events = excluded.events, built_at = excluded.built_at
       WHERE excluded.version >= credit_pages.version`,
    ),
  };
  const writeAll = cache.transaction((pages: KeptPage[]) => {
    for (const page of pages) q.write.run(page);
  });
  const pending = new Map<string, KeptPage>();
  const stats: CreditPagesStats = { hits: 0, builds: 0 };
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Builds the page from the records, in one snapshot with the version it is built at. */
  const build = (subjectId: string, now: Date): KeptPage => {
    const { version, record } = gw.db.transaction(() => ({
      version: q.version.get(subjectId) ?? 0,
      record: publicSubjectRecord(gw, subjectId, now),
    }))();
    stats.builds++;
    // {"subject_id":...,"uscc":...} and {"stores":...}: the score goes between them.
    const head = JSON.stringify(record.head);
    const tail = JSON.stringify(record.rest);
    return {
      subject_id: subjectId,
      version,
      format: format(),
      changes_at: record.changes_at,
      head: `${head.slice(0, -1)},"credit":`,
      tail: `,${tail.slice(1)}`,
      events: record.events.length ? JSON.stringify(record.events) : null,
      built_at: now.toISOString(),
    };
  };

  const render = (page: Pick<KeptPage, 'head' | 'tail' | 'events'>, now: Date) => {
    const events = page.events === null ? [] : (JSON.parse(page.events) as PageEvent[]);
    return page.head + JSON.stringify(publicCredit(events, now)) + page.tail;
  };

  const keep = (page: KeptPage) => {
    if (closed) return;
    pending.delete(page.subject_id);
    pending.set(page.subject_id, page);
    if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    schedule(FLUSH_DELAY_MS);
  };

  const schedule = (ms: number) => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, ms);
    timer.unref();
  };

  /** Writes the waiting pages; returns false when the database was busy (they wait for the next try). */
  const flush = (): boolean => {
    if (pending.size === 0) return true;
    const pages = [...pending.values()];
    try {
      writeAll.immediate(pages);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        schedule(BUSY_RETRY_MS);
        return false;
      }
      // Anything else is a fault of this cache, not of the request that was served: log and forget.
      gw.logger.error({ err }, 'credit pages not kept');
      for (const page of pages) pending.delete(page.subject_id);
      return true;
    }
    for (const page of pages) if (pending.get(page.subject_id) === page) pending.delete(page.subject_id);
    return true;
  };

  /** The kept page; none when the cache connection is busy (it never waits: the page is built instead). */
  const keptPage = (subjectId: string) => {
    try {
      return q.kept.get(subjectId, format());
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return undefined;
      throw err;
    }
  };

  /**
   * Builds and keeps up to `limit` pages that are missing or out of date, of subjects after `after` (ids
   * in order); returns the last subject looked at, or null when none is left.
   */
  const fillBatch = (after: string, limit: number, now = new Date()) => {
    const ids = q.stale.all(after, format(), now.toISOString(), limit);
    for (const id of ids) keep(build(id, now));
    flush();
    return { after: ids.length === limit ? ids.at(-1)! : null, built: ids.length };
  };

  return {
    stats,
    /** The public page's JSON at `now`: from the kept page, or built (throws not_found) and kept. */
    json(subjectId: string, now = new Date()): string {
      const page = keptPage(subjectId);
      // Good from the moment it was built until the moment time changes it.
      const at = now.toISOString();
      if (page && page.built_at <= at && (page.changes_at === null || at < page.changes_at)) {
        stats.hits++;
        return render(page, now);
      }
      const built = build(subjectId, now);
      keep(built);
      return render(built, now);
    },
    /** Builds and keeps every page that is missing or out of date (`marketgate credit pages`). */
    fillAll(now = new Date()): number {
      let built = 0;
      for (let after: string | null = ''; after !== null;) {
        const batch = fillBatch(after, 500, now);
        ({ after } = batch);
        built += batch.built;
      }
      return built;
    },
    /** Writes the waiting pages now (tests, shutdown); false when the database was busy. */
    flush,
    /** Pages waiting to be written. */
    pendingCount: () => pending.size,
    close() {
      if (closed) return;
      flush();
      closed = true;
      clearTimeout(timer);
      pending.clear();
      cache.close();
    },
  };
}
