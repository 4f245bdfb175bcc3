import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CANCELLED_TTL_MS, fleetKeys } from '../../crawlers/fleet/keys.ts';
import { type CrawlJob, CrawlQueue } from '../../crawlers/fleet/queue.ts';
import {
  type Crawls,
  type CrawlRunnerEvents,
  interleaveByHost,
  tellListeners,
} from '../verification/crawl-runner.ts';
import { settledOrAborted } from '../lib/abort.ts';
import { type CrawlProgress, progressOf } from '../verification/crawl-view.ts';
import type { CrawlRow, CrawlScope, VerificationStore } from '../verification/store.ts';

/** How many stores of a crawl are read from the database and enqueued at a time. */
const BATCH = 2_000;

export interface FleetRunnerOptions {
  prefix: string;
  /** How often the gateway looks at its crawls and at Redis. @default 1000 */
  pollMs?: number;
  /** A job whose worker fell silent this long is taken by another. @default 180000 */
  leaseMs?: number;
}

/**
 * Crawls run by a fleet (issue 20): the gateway puts one job per store in the Redis queue, workers
 * (`marketgate crawl-worker`) visit them and send each verification to the gateway's API, which records
 * it once (src/fleet/results.ts) and ends the crawl with its last store. This runner only enqueues and
 * watches, every `pollMs`:
 * - a crawl that ended (its last store recorded, or cancelled) is let go of and `finished` is told;
 * - a cancelled crawl is marked so in Redis: workers drop its jobs unvisited (the gateway refuses their
 *   results anyway);
 * - a Redis that lost its data (its epoch is gone or changed: restarted without persistence) gets the
 *   stores not yet recorded again: nothing is lost, a store in flight is at most visited twice;
 * - jobs all gone from the queue while a crawl still has unrecorded stores (workers gave up on them)
 *   end the crawl as failed, as in-process.
 */
export class FleetCrawlRunner extends EventEmitter<CrawlRunnerEvents> implements Crawls {
  readonly queue: CrawlQueue;
  private readonly keys: ReturnType<typeof fleetKeys>;
  /** The crawls this gateway has enqueued (or is enqueuing), and whether they are urgent. */
  private readonly active = new Map<string, { urgent: boolean }>();
  /** Crawls whose jobs could not all be enqueued (Redis was away): enqueued again at the next look. */
  private readonly unqueued = new Set<string>();
  /** The queue's epoch this gateway enqueued under. */
  private epoch: string | undefined;
  /** Enqueuing and watching run one at a time, in order. */
  private work: Promise<void> = Promise.resolve();
  private busy = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private redisDown = false;
  /** Looks in a row that found the queue empty (see failAbandoned). */
  private emptyLooks = 0;

  constructor(
    private readonly store: VerificationStore,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly options: FleetRunnerOptions,
  ) {
    super();
    this.queue = new CrawlQueue(redis, { prefix: options.prefix, leaseMs: options.leaseMs });
    this.keys = fleetKeys(options.prefix);
  }

  start(scope: CrawlScope, requestedBy: string, options: { urgent?: boolean } = {}): CrawlRow {
    const crawl = this.store.createCrawl(scope, requestedBy);
    this.schedule(crawl, options);
    return crawl;
  }

  schedule(crawl: Pick<CrawlRow, 'id' | 'total'>, options: { urgent?: boolean } = {}): void {
    if (this.stopped || this.active.has(crawl.id)) return;
    const urgent = options.urgent === true;
    this.active.set(crawl.id, { urgent });
    this.run(() => this.tryEnqueue(crawl.id, urgent));
  }

  /**
   * Takes up the crawls unfinished when the gateway stopped: those whose jobs are all in Redis (under
   * its present epoch) are watched, the others enqueued (again: a store enqueued twice is recorded once).
   */
  resume(): void {
    this.store.settleCancelled();
    this.run(async () => {
      let epoch: string | null = null;
      let enqueued: Record<string, string> = {};
      try {
        epoch = await this.queue.epoch();
        enqueued = epoch ? await this.redis.hgetall(this.keys.crawls) : {};
      } catch (error) {
        // Redis is away: every crawl is enqueued when it is back (some stores maybe twice, recorded once).
        this.logger.error({ err: error }, 'fleet: cannot read the queue (Redis?)');
      }
      if (epoch) this.epoch = epoch;
      for (const crawl of this.store.unfinishedCrawls()) {
        if (this.stopped) return;
        if (this.active.has(crawl.id)) continue;
        this.active.set(crawl.id, { urgent: false });
        if (!epoch || enqueued[crawl.id] !== epoch) await this.tryEnqueue(crawl.id, false);
      }
    });
  }

  async idle(): Promise<void> {
    while (!this.stopped && (this.active.size > 0 || this.busy > 0)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.off('finished', done);
          clearTimeout(wait);
          resolve();
        };
        const wait = setTimeout(done, this.pollMs);
        this.on('finished', done);
      });
    }
  }

  progress(crawlId: string): CrawlProgress | undefined {
    const crawl = this.store.crawl(crawlId);
    return crawl && progressOf(crawl, this.store.verdictCounts(crawlId));
  }

  /**
   * Stops watching; the jobs stay in Redis for the workers, and resume() takes the crawls up again. The
   * step in flight is waited for until `signal` aborts: a crawl it was enqueueing is enqueued again
   * after resume() (a store enqueued twice is recorded once).
   */
  async stop(signal?: AbortSignal): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await settledOrAborted(this.work, signal);
  }

  private get pollMs(): number {
    return this.options.pollMs ?? 1_000;
  }

  /** Runs `step` after the steps before it; starts the watch. A failing step is logged. */
  private run(step: () => Promise<void>): void {
    this.busy += 1;
    this.work = this.work
      .then(step)
      .catch((error: unknown) => this.logger.error({ err: error }, 'fleet: a step failed'))
      .finally(() => (this.busy -= 1));
    this.timer ??= setInterval(() => {
      if (this.busy === 0) this.run(() => this.watch());
    }, this.pollMs);
  }

  /** The queue's epoch, set now when Redis has none. */
  private async currentEpoch(): Promise<string> {
    let epoch = await this.queue.epoch();
    if (!epoch) {
      await this.redis.set(this.queue.epochKey, randomUUID(), 'NX');
      epoch = (await this.queue.epoch())!;
    }
    return epoch;
  }

  /** enqueueCrawl, kept for the next look when Redis fails (a store enqueued twice is recorded once). */
  private async tryEnqueue(crawlId: string, urgent: boolean): Promise<void> {
    try {
      await this.enqueueCrawl(crawlId, urgent);
      this.unqueued.delete(crawlId);
    } catch (error) {
      if (!this.unqueued.has(crawlId))
        this.logger.error({ err: error, crawl: crawlId }, 'fleet: cannot enqueue the crawl yet (Redis?)');
      this.unqueued.add(crawlId);
    }
  }

  /** Puts the crawl's stores not recorded yet in the queue, interleaved by host; ends an empty crawl. */
  private async enqueueCrawl(crawlId: string, urgent: boolean): Promise<void> {
    if (!this.store.startCrawl(crawlId)) return this.letGo(crawlId); // cancelled meanwhile
    const epoch = await this.currentEpoch();
    this.epoch = epoch;
    let jobs = 0;
    for (let after = 0; !this.stopped;) {
      const batch = this.store.pendingStores(crawlId, after, BATCH);
      if (batch.length === 0) break;
      after = batch.at(-1)!.ord;
      const queued: CrawlJob[] = interleaveByHost(batch).map((s) => ({
        id: `${crawlId}:${s.ord}`,
        crawlId,
        platform: s.platform,
        sellerId: s.seller_id,
        url: s.store_url,
        filed: { name: s.legal_name, uscc: s.uscc },
      }));
      await this.queue.enqueue(queued, epoch, { urgent });
      jobs += queued.length;
    }
    if (this.stopped) return;
    await this.redis.hset(this.keys.crawls, crawlId, epoch);
    this.logger.info({ crawl: crawlId, jobs, urgent }, 'fleet: crawl enqueued');
    if (jobs === 0 && this.store.unvisitedCount(crawlId) === 0) this.store.finishCrawl(crawlId, 'done');
  }

  /** One look at the crawls and at Redis (see the class). */
  private async watch(): Promise<void> {
    if (this.stopped || this.active.size === 0) return;
    try {
      const epoch = await this.queue.epoch();
      if (this.epoch !== undefined && epoch !== this.epoch) {
        this.logger.warn(
          { crawls: this.active.size },
          'fleet: Redis lost the queue (restarted without its data): enqueuing the unrecorded stores again',
        );
        this.epoch = undefined;
        this.queue.reset();
        for (const [crawlId, { urgent }] of this.active) await this.tryEnqueue(crawlId, urgent);
      }
      for (const crawlId of [...this.unqueued])
        if (this.active.has(crawlId)) await this.tryEnqueue(crawlId, this.active.get(crawlId)!.urgent);
        else this.unqueued.delete(crawlId);
      for (const crawlId of [...this.active.keys()]) {
        const crawl = this.store.crawl(crawlId);
        if (!crawl) this.active.delete(crawlId);
        else if (crawl.cancelled_at) {
          await this.redis.set(this.keys.cancelled(crawlId), '1', 'PX', CANCELLED_TTL_MS);
          // Nothing more of it is recorded (results of a cancelled crawl are refused): its counts are final.
          if (crawl.status === 'queued' || crawl.status === 'running')
            this.store.finishCrawl(crawlId, 'done');
          await this.letGo(crawlId);
        } else if (crawl.status === 'done' || crawl.status === 'failed') await this.letGo(crawlId);
      }
      if (this.active.size > 0) await this.failAbandoned();
      if (this.redisDown) this.logger.info('fleet: Redis answers again');
      this.redisDown = false;
    } catch (error) {
      // A look cut off by a stop (Redis closed under it, at a shutdown's deadline) is no outage.
      if (this.stopped) return;
      if (!this.redisDown) this.logger.error({ err: error }, 'fleet: cannot watch the crawls (Redis?)');
      this.redisDown = true;
    }
  }

  /**
   * Crawls with unrecorded stores when the queue has held no job at all for two looks in a row: the
   * workers gave those up. An empty queue of a Redis that lost its data is not that: the epoch is read
   * again after the count, and the next look enqueues the stores again.
   */
  private async failAbandoned(): Promise<void> {
    const { waiting, taken } = await this.queue.counts();
    const empty =
      waiting === 0 && taken === 0 && this.unqueued.size === 0 && (await this.queue.epoch()) === this.epoch;
    this.emptyLooks = empty ? this.emptyLooks + 1 : 0;
    if (this.emptyLooks < 2) return;
    for (const crawlId of [...this.active.keys()]) {
      const left = this.store.unvisitedCount(crawlId);
      const crawl = this.store.crawl(crawlId);
      if (left === 0 || crawl?.status !== 'running') continue;
      this.store.finishCrawl(
        crawlId,
        'failed',
        `${left} store${left === 1 ? '' : 's'} could not be verified by the fleet (the workers' logs say why)`,
      );
      await this.letGo(crawlId);
    }
  }

  private async letGo(crawlId: string): Promise<void> {
    if (!this.active.delete(crawlId)) return;
    await this.redis.hdel(this.keys.crawls, crawlId).catch(() => {});
    tellListeners(this.logger, () => this.emit('finished', crawlId));
  }
}
