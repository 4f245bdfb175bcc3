import type { Redis } from 'ioredis';

/**
 * The fleet's queue of store visits: a Redis stream read by one consumer group, so that every job goes
 * to one worker at a time and none is lost when a worker dies. A job a worker took stays pending under
 * its name until the worker acknowledges it (`done`); a worker at work renews its hold (`extend`); a job
 * whose holder fell silent for longer than the lease is taken by another worker (XAUTOCLAIM). A job may
 * so be visited twice (a worker that was only slow): the gateway records a result once, by job id.
 *
 * Redis 6.2 or later (XAUTOCLAIM); every command touches one key, so it runs on Redis Cluster too.
 */
export interface CrawlJob {
  /** `<crawl id>:<store's place in the crawl>`: what the gateway records the result by. */
  id: string;
  crawlId: string;
  platform: string;
  sellerId: string;
  url: string;
  /** The filed identity the page is compared with. */
  filed: { name: string; uscc: string | null };
}

export interface TakenJob {
  /** The stream entry: what `extend` and `done` name. */
  entry: string;
  /** How many times the job has been handed out, this time included (more than 1: taken over). */
  deliveries: number;
  job: CrawlJob;
}

export interface CrawlQueueOptions {
  /** @default 'mg:' */
  prefix?: string;
  /** A job whose worker has not renewed its hold for this long is taken over. @default 180000 */
  leaseMs?: number;
}

const GROUP = 'workers';

export class CrawlQueue {
  readonly key: string;
  /** Set with the first job and never changed: a Redis that lost its data no longer has it. */
  readonly epochKey: string;
  readonly leaseMs: number;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    options: CrawlQueueOptions = {},
  ) {
    const prefix = options.prefix ?? 'mg:';
    this.key = `${prefix}crawl:jobs`;
    this.epochKey = `${prefix}crawl:epoch`;
    this.leaseMs = options.leaseMs ?? 180_000;
  }

  /** Adds jobs (one round trip for all); returns the queue's epoch (see `epoch`). */
  async enqueue(jobs: readonly CrawlJob[], epoch: string): Promise<void> {
    await this.group();
    const pipeline = this.redis.pipeline();
    pipeline.set(this.epochKey, epoch, 'NX');
    for (const job of jobs) pipeline.xadd(this.key, '*', 'job', JSON.stringify(job));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }

  /**
   * The epoch the queue was filled under, or null when Redis has none: it restarted without its data
   * (or was never used), and what the gateway enqueued before is gone.
   */
  epoch(): Promise<string | null> {
    return this.redis.get(this.epochKey);
  }

  /**
   * Up to `count` jobs for `worker`: first those other workers held past their lease, then new ones,
   * waiting up to `blockMs` for one to arrive.
   */
  async take(worker: string, count: number, blockMs: number): Promise<TakenJob[]> {
    try {
      return await this.takeFrom(worker, count, blockMs);
    } catch (error) {
      // Redis lost the stream and its group (restarted without its data): make them again.
      if (!/NOGROUP/.test((error as Error).message)) throw error;
      this.reset();
      return this.takeFrom(worker, count, blockMs);
    }
  }

  private async takeFrom(worker: string, count: number, blockMs: number): Promise<TakenJob[]> {
    await this.group();
    const taken: TakenJob[] = [];
    const [, claimed] = (await this.redis.xautoclaim(
      this.key,
      GROUP,
      worker,
      this.leaseMs,
      '0-0',
      'COUNT',
      count,
    )) as [string, [string, string[]][]];
    for (const [entry, fields] of claimed) taken.push(await this.parse(entry, fields, worker));
    if (taken.length > 0) return taken;
    const read = (await this.redis.xreadgroup(
      'GROUP',
      GROUP,
      worker,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.key,
      '>',
    )) as [string, [string, string[]][]][] | null;
    for (const [, entries] of read ?? [])
      for (const [entry, fields] of entries) taken.push(await this.parse(entry, fields, worker, 1));
    return taken;
  }

  /** Renews `worker`'s hold on jobs it is still working on (resets their idle time). */
  async extend(worker: string, entries: readonly string[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.xclaim(this.key, GROUP, worker, 0, ...entries, 'JUSTID');
  }

  /** The jobs are finished (their result is recorded): gone from the queue. */
  async done(entries: readonly string[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis
      .pipeline()
      .xack(this.key, GROUP, ...entries)
      .xdel(this.key, ...entries)
      .exec();
  }

  /** Jobs waiting to be taken, and jobs taken and not yet done. */
  async counts(): Promise<{ waiting: number; taken: number }> {
    await this.group();
    const groups = (await this.redis.xinfo('GROUPS', this.key)) as unknown[][];
    const info = groups.map((g) => Object.fromEntries(pairs(g))).find((g) => g.name === GROUP);
    const taken = Number(info?.pending ?? 0);
    const length = await this.redis.xlen(this.key);
    return { waiting: Math.max(0, length - taken), taken };
  }

  private async parse(
    entry: string,
    fields: string[],
    worker: string,
    deliveries?: number,
  ): Promise<TakenJob> {
    const job = JSON.parse(fields[fields.indexOf('job') + 1]!) as CrawlJob;
    if (deliveries === undefined) {
      // A job taken over: how many times it was handed out (XPENDING's delivery counter).
      const [row] = (await this.redis.xpending(this.key, GROUP, entry, entry, 1, worker)) as [
        string,
        string,
        number,
        number,
      ][];
      deliveries = row ? Number(row[3]) : 2;
    }
    return { entry, deliveries, job };
  }

  /** The stream and its group, made once (MKSTREAM; BUSYGROUP when they are there already). */
  private group(): Promise<void> {
    this.ready ??= this.redis.xgroup('CREATE', this.key, GROUP, '0', 'MKSTREAM').then(
      () => undefined,
      (error: Error) => {
        if (!/BUSYGROUP/.test(error.message)) {
          this.ready = undefined;
          throw error;
        }
      },
    );
    return this.ready;
  }

  /** Forgets that the group exists (after Redis lost its data, it must be made again). */
  reset(): void {
    this.ready = undefined;
  }
}

function* pairs(list: unknown[]): Generator<[string, unknown]> {
  for (let i = 0; i + 1 < list.length; i += 2) yield [String(list[i]), list[i + 1]];
}
