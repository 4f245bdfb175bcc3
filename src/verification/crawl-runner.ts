import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { settledOrAborted } from '../lib/abort.ts';
import type { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { type CrawlProgress, progressOf } from './crawl-view.ts';
import type { CrawlRow, CrawlScope, PendingStore, VerificationStore } from './store.ts';

export type { CrawlProgress } from './crawl-view.ts';

/**
 * What the runner tells others, after the fact: for progress bars and tests. Listeners write nothing:
 * a verification is recorded with its consequences by the verb the runner is given, before `verified`
 * is emitted; a listener that throws is logged and changes nothing.
 */
export interface CrawlRunnerEvents {
  verified: [crawlId: string, store: PendingStore, verification: Verification, verificationId: string];
  finished: [crawlId: string];
}

/**
 * What runs the gateway's crawls: in this process (CrawlRunner), or by a fleet of workers through Redis
 * (src/fleet/runner.ts). Routes, pages and verbs see only this.
 */
export interface Crawls extends EventEmitter<CrawlRunnerEvents> {
  /** Creates a crawl of `scope` and queues it; an urgent one goes before the others. */
  start(scope: CrawlScope, requestedBy: string, options?: { urgent?: boolean }): CrawlRow;
  /** Queues a crawl already created (by a verb, in its transaction). */
  schedule(crawl: Pick<CrawlRow, 'id' | 'total'>, options?: { urgent?: boolean }): void;
  /** Takes up the crawls that were queued or running when the gateway last stopped. */
  resume(): void;
  /** Resolves when every queued crawl has finished. */
  idle(): Promise<void>;
  progress(crawlId: string): CrawlProgress | undefined;
  /**
   * Stops taking crawls up; what is not visited stays for resume(). Waits for the work in flight, or
   * until `signal` aborts (a shutdown's deadline): what is still in flight then is given up.
   */
  stop(signal?: AbortSignal): Promise<void>;
}

/** Records one visit with its consequences (recordVerification in service.ts); returns the verification id. */
export type RecordVisit = (crawlId: string, store: PendingStore, verification: Verification) => string;

/** Tells a crawl's listeners; what one of them throws is logged, never the crawl's failure. */
export function tellListeners(logger: Logger, emit: () => void): void {
  try {
    emit();
  } catch (error) {
    logger.error({ err: error }, 'a crawl listener failed');
  }
}

/** How many stores of a crawl are read from the database at a time. */
const BATCH = 512;

/**
 * Runs crawls one after another in the background of the process that holds the gateway. Each store's
 * verification is written as soon as it is made, so progress is visible while a crawl runs, and a crawl
 * that a restart interrupted goes on with the stores it has not visited (resume()).
 */
export class CrawlRunner extends EventEmitter<CrawlRunnerEvents> implements Crawls {
  private readonly queue: string[] = [];
  /** Crawls to run before anything else: a running crawl takes their stores in before its own next one. */
  private readonly urgent: string[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;
  /** A stop stopped waiting: what the visits still in flight find is not recorded. */
  private abandoned = false;

  constructor(
    private readonly store: VerificationStore,
    private readonly verifier: () => StoreVerifier,
    private readonly record: RecordVisit,
    private readonly logger: Logger,
    /** Stores visited at once: enough to keep every host's limiter busy. */
    private readonly inFlight = 64,
  ) {
    super();
  }

  /**
   * Creates a crawl of `scope` and queues it; returns it at once. An urgent crawl (a listed subject's
   * stores) goes to the front: a crawl already running visits its stores next, before its own.
   */
  start(scope: CrawlScope, requestedBy: string, options: { urgent?: boolean } = {}): CrawlRow {
    const crawl = this.store.createCrawl(scope, requestedBy);
    this.schedule(crawl, options);
    return crawl;
  }

  /** Queues a crawl already created (by a verb, in its transaction); an urgent one goes to the front. */
  schedule(crawl: Pick<CrawlRow, 'id' | 'total'>, options: { urgent?: boolean } = {}): void {
    if (options.urgent && crawl.total > 0) {
      this.urgent.push(crawl.id);
      this.running ??= this.drain().finally(() => (this.running = undefined));
    } else this.enqueue(crawl.id);
  }

  /**
   * Queues the crawls that were queued or running when the gateway last stopped; those cancelled
   * meanwhile end now (nothing of theirs is in flight any more) and are not visited further.
   */
  resume(): void {
    this.store.settleCancelled();
    for (const crawl of this.store.unfinishedCrawls()) this.enqueue(crawl.id);
  }

  /** Resolves when every queued crawl has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  progress(crawlId: string): CrawlProgress | undefined {
    const crawl = this.store.crawl(crawlId);
    return crawl && progressOf(crawl, this.store.verdictCounts(crawlId));
  }

  /**
   * Stops after the stores in flight; unvisited stores stay pending for resume(). When `signal` aborts
   * first, the visits still in flight are abandoned: their stores stay pending too, and are visited
   * again after resume(). A shutdown cannot wait for them: most wait for their host's turn (a second
   * apart), and a slow page takes its whole timeout.
   */
  async stop(signal?: AbortSignal): Promise<void> {
    this.stopping = true;
    this.queue.length = 0;
    this.urgent.length = 0;
    if (this.abandoned) return;
    await settledOrAborted(this.idle(), signal);
    if (signal?.aborted) this.abandoned = true;
  }

  private enqueue(crawlId: string): void {
    if (this.queue.includes(crawlId)) return;
    this.queue.push(crawlId);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    for (
      let crawlId = this.urgent.shift() ?? this.queue.shift();
      crawlId && !this.stopping;
      crawlId = this.urgent.shift() ?? this.queue.shift()
    ) {
      try {
        const failures = await this.run(crawlId);
        // A crawl cancelled before it started was ended by cancelCrawl: the runner never held it.
        if (!failures) continue;
        if (!this.stopping) this.finish(crawlId, failures.get(crawlId));
      } catch (error) {
        this.logger.error({ err: error, crawl: crawlId }, 'crawl failed');
        this.store.finishCrawl(crawlId, 'failed', (error as Error).message);
      }
      this.tell(() => this.emit('finished', crawlId));
    }
  }

  /**
   * Ends a crawl: done, or failed when some of its stores could not be verified or recorded (they stay
   * unvisited, and their error is logged; the other stores were visited all the same).
   */
  private finish(crawlId: string, failed: StoreFailures | undefined): void {
    if (!failed) this.store.finishCrawl(crawlId, 'done');
    else
      this.store.finishCrawl(
        crawlId,
        'failed',
        `${failed.count} store${failed.count === 1 ? '' : 's'} could not be verified or recorded; the first: ${failed.first}`,
      );
  }

  private tell(emit: () => void): void {
    tellListeners(this.logger, emit);
  }

  /**
   * Visits the stores of a crawl (and of urgent crawls taken in); returns the failures by crawl, or
   * undefined when the crawl was cancelled before it started. A crawl cancelled while it runs (cancelCrawl,
   * from this process or another: it is read from the database) gives no further store: each store is
   * checked as it is taken, so only those in flight when it was cancelled are still visited.
   */
  private async run(crawlId: string): Promise<Map<string, StoreFailures> | undefined> {
    if (!this.store.startCrawl(crawlId)) return undefined;
    const verifier = this.verifier();
    const store = this.store;
    const urgent = this.urgent;
    // Once stopped, no store is taken: not even read from the database, which may be closed by then.
    const stopping = () => this.stopping;
    const failures = new Map<string, StoreFailures>();
    const finishUrgent = (id: string) => {
      this.finish(id, failures.get(id));
      this.tell(() => this.emit('finished', id));
    };
    /** Stores left of the urgent crawls this run took in: each finishes when its last store is done. */
    const left = new Map<string, number>();
    // Read in batches (a crawl may cover millions of stores); `ord > after` never yields a store twice
    // even while earlier ones are still in flight.
    function* storesOf(id: string): Generator<[string, PendingStore]> {
      for (let after = 0; !stopping();) {
        const batch = store.pendingStores(id, after, BATCH);
        if (batch.length === 0) return;
        after = batch.at(-1)!.ord;
        for (const target of interleaveByHost(batch)) {
          if (stopping() || store.isCancelled(id)) return;
          yield [id, target];
        }
      }
    }
    function* takeUrgent(): Generator<[string, PendingStore]> {
      for (let id = urgent.shift(); id; id = urgent.shift()) {
        if (!store.startCrawl(id)) continue;
        const targets = [...storesOf(id)];
        if (targets.length === 0) finishUrgent(id);
        else left.set(id, targets.length);
        for (const [i, target] of targets.entries()) {
          if (stopping()) return;
          if (store.isCancelled(id)) {
            // The stores not taken are not waited for: the crawl ends with its last one in flight.
            const remaining = left.get(id)! - (targets.length - i);
            left.set(id, remaining);
            if (remaining === 0 && !stopping()) finishUrgent(id);
            break;
          }
          yield target;
        }
      }
    }
    function* pending(): Generator<[string, PendingStore]> {
      yield* takeUrgent();
      for (const item of storesOf(crawlId)) {
        yield item;
        yield* takeUrgent();
      }
      yield* takeUrgent();
    }
    await pool(pending(), this.inFlight, async ([id, target]) => {
      if (this.stopping) return;
      try {
        const verification = await verifier.verifyStore({
          url: target.store_url,
          filed: { name: target.legal_name, uscc: target.uscc },
        });
        // Given up by a stop meanwhile: the verifier may have been closed under it, so what it found is
        // not trusted, and the store is visited again after resume().
        if (this.abandoned) return;
        const verificationId = this.record(id, target, verification);
        this.tell(() => this.emit('verified', id, target, verification, verificationId));
      } catch (error) {
        if (this.abandoned) return;
        // One store that cannot be recorded (nothing of it was written) does not stop the others; a
        // database that cannot write at all (full, read-only, failing) stops the crawl.
        if (isCritical(error)) throw error;
        this.logger.error({ err: error, crawl: id, store: target.seller_id }, 'store not recorded');
        const failed = failures.get(id) ?? { count: 0, first: (error as Error).message };
        failures.set(id, { ...failed, count: failed.count + 1 });
      }
      if (left.has(id)) {
        const remaining = left.get(id)! - 1;
        left.set(id, remaining);
        if (remaining === 0 && !this.stopping) finishUrgent(id);
      }
    });
    return failures;
  }
}

interface StoreFailures {
  count: number;
  first: string;
}

/** SQLite errors other than a refused row (a constraint, a trigger): every later store would fail too. */
function isCritical(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') && !code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Orders stores so that consecutive ones are on different hosts: with per-host spacing, a run of stores
 * on one host would otherwise hold every in-flight slot while the other hosts sit idle.
 */
export function interleaveByHost<T extends { store_url: string }>(stores: T[]): T[] {
  const byHost = new Map<string, T[]>();
  for (const store of stores) {
    let host: string;
    try {
      host = new URL(store.store_url).host;
    } catch {
      host = '';
    }
    if (!byHost.has(host)) byHost.set(host, []);
    byHost.get(host)!.push(store);
  }
  const lanes = [...byHost.values()];
  const out: T[] = [];
  for (let i = 0; out.length < stores.length; i++) {
    for (const lane of lanes) if (i < lane.length) out.push(lane[i]!);
  }
  return out;
}

/** Runs `work` over `items` with at most `limit` at once; the first failure rejects after the rest settle. */
async function pool<T>(items: Iterator<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined) {
      const next = items.next();
      if (next.done) return;
      await work(next.value).catch((error: unknown) => (failure ??= error));
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  if (failure !== undefined) throw failure;
}
