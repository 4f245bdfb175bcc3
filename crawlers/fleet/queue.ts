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
  /** Taken from the urgent stream (a listed subject's stores: taken before any other job). */
  urgent: boolean;
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

/** The part of a taken job that `extend` and `done` need. */
export type JobEntry = Pick<TakenJob, 'entry' | 'urgent'>;

export class CrawlQueue {
  readonly key: string;
  /** Jobs taken before those of `key`: the stores of crawls the gateway starts as urgent. */
  readonly urgentKey: string;
  /** Set with the first job and never changed: a Redis that lost its data no longer has it. */
  readonly epochKey: string;
  readonly leaseMs: number;
  private readonly ready = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    options: CrawlQueueOptions = {},
  ) {
    const prefix = options.prefix ?? 'mg:';
    this.key = `${prefix}crawl:jobs`;
    this.urgentKey = `${prefix}crawl:urgent`;
    this.epochKey = `${prefix}crawl:epoch`;
    this.leaseMs = options.leaseMs ?? 180_000;
  }

  /**
   * Adds jobs (one round trip for all), urgent ones to the stream taken first; sets the queue's epoch
   * (see `epoch`) when it has none.
   */
  async enqueue(jobs: readonly CrawlJob[], epoch: string, options: { urgent?: boolean } = {}): Promise<void> {
    const key = options.urgent ? this.urgentKey : this.key;
    await this.group(key);
    const pipeline = this.redis.pipeline();
    pipeline.set(this.epochKey, epoch, 'NX');
    for (const job of jobs) pipeline.xadd(key, '*', 'job', JSON.stringify(job));
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
    // Urgent jobs first, each stream read by its own command (one key each: Redis Cluster allows it).
    for (const urgent of [true, false]) {
      const taken = await this.claim(urgent, worker, count);
      if (taken.length > 0) return taken;
    }
    const urgent = await this.read(true, worker, count, 0);
    if (urgent.length > 0) return urgent;
    return this.read(false, worker, count, blockMs);
  }

  /** Jobs of one stream that other workers held past their lease. */
  private async claim(urgent: boolean, worker: string, count: number): Promise<TakenJob[]> {
    const key = urgent ? this.urgentKey : this.key;
    await this.group(key);
    const [, claimed] = (await this.redis.xautoclaim(
      key,
      GROUP,
      worker,
      this.leaseMs,
      '0-0',
      'COUNT',
      count,
    )) as [string, [string, string[]][]];
    const taken: TakenJob[] = [];
    for (const [entry, fields] of claimed) taken.push(await this.parse(key, entry, fields, worker));
    return taken;
  }

  /** New jobs of one stream, waiting up to `blockMs` for one (0: not at all). */
  private async read(urgent: boolean, worker: string, count: number, blockMs: number): Promise<TakenJob[]> {
    const key = urgent ? this.urgentKey : this.key;
    await this.group(key);
    const block = blockMs > 0 ? ['BLOCK', blockMs] : [];
    const read = (await this.redis.xreadgroup(
      'GROUP',
      GROUP,
      worker,
      'COUNT',
      count,
      ...(block as ['BLOCK', number]),
      'STREAMS',
      key,
      '>',
    )) as [string, [string, string[]][]][] | null;
    const taken: TakenJob[] = [];
    for (const [, entries] of read ?? [])
      for (const [entry, fields] of entries) taken.push(await this.parse(key, entry, fields, worker, 1));
    return taken;
  }

  /** Renews `worker`'s hold on jobs it is still working on (resets their idle time). */
  async extend(worker: string, jobs: readonly JobEntry[]): Promise<void> {
    for (const [key, entries] of this.byStream(jobs))
      await this.redis.xclaim(key, GROUP, worker, 0, ...entries, 'JUSTID');
  }

  /** The jobs are finished (their result is recorded, or they are dropped): gone from the queue. */
  async done(jobs: readonly JobEntry[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const [key, entries] of this.byStream(jobs))
      pipeline.xack(key, GROUP, ...entries).xdel(key, ...entries);
    if (pipeline.length > 0) await pipeline.exec();
  }

  private byStream(jobs: readonly JobEntry[]): [string, string[]][] {
    const urgent = jobs.filter((j) => j.urgent).map((j) => j.entry);
    const normal = jobs.filter((j) => !j.urgent).map((j) => j.entry);
    return (
      [
        [this.urgentKey, urgent],
        [this.key, normal],
      ] as [string, string[]][]
    ).filter(([, entries]) => entries.length > 0);
  }

  /** Jobs waiting to be taken, and jobs taken and not yet done, of both streams. */
  async counts(): Promise<{ waiting: number; taken: number }> {
    let waiting = 0;
    let taken = 0;
    for (const key of [this.urgentKey, this.key]) {
      await this.group(key);
      const groups = (await this.redis.xinfo('GROUPS', key)) as unknown[][];
      const info = groups.map((g) => Object.fromEntries(pairs(g))).find((g) => g.name === GROUP);
      const pending = Number(info?.pending ?? 0);
      waiting += Math.max(0, (await this.redis.xlen(key)) - pending);
      taken += pending;
    }
    return { waiting, taken };
  }

  private async parse(
    key: string,
    entry: string,
    fields: string[],
    worker: string,
    deliveries?: number,
  ): Promise<TakenJob> {
    const job = JSON.parse(fields[fields.indexOf('job') + 1]!) as CrawlJob;
    if (deliveries === undefined) {
      // A job taken over: how many times it was handed out (XPENDING's delivery counter).
      const [row] = (await this.redis.xpending(key, GROUP, entry, entry, 1, worker)) as [
        string,
        string,
        number,
        number,
      ][];
      deliveries = row ? Number(row[3]) : 2;
    }
    return { entry, urgent: key === this.urgentKey, deliveries, job };
  }

  /** A stream and its group, made once (MKSTREAM; BUSYGROUP when they are there already). */
  private group(key: string): Promise<void> {
    let ready = this.ready.get(key);
    if (!ready) {
      ready = this.redis.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM').then(
        () => undefined,
        (error: Error) => {
          if (!/BUSYGROUP/.test(error.message)) {
            this.ready.delete(key);
            throw error;
          }
        },
      );
      this.ready.set(key, ready);
    }
    return ready;
  }

  /** Forgets that the groups exist (after Redis lost its data, they must be made again). */
  reset(): void {
    this.ready.clear();
  }
}

function* pairs(list: unknown[]): Generator<[string, unknown]> {
  for (let i = 0; i + 1 < list.length; i += 2) yield [String(list[i]), list[i + 1]];
}
