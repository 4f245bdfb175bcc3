import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { BrowserNotFound, findChromium } from '../browser/chromium.ts';
import { processTreeRss } from '../browser/memory.ts';
import { BrowserPool } from '../browser/pool.ts';
import { mergeIssuers } from '../marks/registry.ts';
import { StoreVerifier } from '../verify/verify-store.ts';
import { CRAWLER_USER_AGENT, CRAWLER_VERSION } from '../version.ts';
import {
  GatewayEvidenceStore,
  type WorkerGateway,
  type WorkerPolicy,
  WorkerRefused,
} from './gateway-client.ts';
import { fleetKeys, HEARTBEAT_MS, type WorkerHeartbeat, writeHeartbeat } from './keys.ts';
import { CrawlQueue, type TakenJob } from './queue.ts';
import { createRedisHostLimiter } from './redis-limiter.ts';
import { createRedisRobotsShare } from './robots-share.ts';

export interface CrawlWorkerOptions {
  /** The gateway's worker API, with this worker's key (src/fleet/worker-client.ts). */
  gateway: WorkerGateway;
  /** The fleet's Redis; the worker makes a second connection of it for blocking reads. */
  redis: Redis;
  /** Stores visited at once by this worker. */
  concurrency: number;
  /** Pages its Chromium renders at once (0: no browser; script-built pages come out inconclusive). */
  browserSlots: number;
  chromiumPath?: string;
  logger: Logger;
  /** Tries of a job that fails unexpectedly before the worker gives it up. @default 3 */
  maxDeliveries?: number;
}

/**
 * Jobs taken at a time: a worker fills its concurrency a few jobs at a time, so that the workers share a
 * small crawl (taking all it could at once, one worker took 29 of a 30-store crawl).
 */
const TAKE_BATCH = 4;

/** How long a take waits for a job before the worker looks around (stopping, heartbeat). */
const TAKE_BLOCK_MS = 1_000;

/**
 * One machine of the crawler fleet (issue 20): takes store visits from the Redis queue, verifies each
 * with the crawler of `crawlers/` (its judgement unchanged; politeness and robots.txt shared with the
 * fleet through Redis), sends the evidence and the verification to the gateway, and only then lets the
 * job go. It never touches the gateway's database. A worker killed mid-job loses nothing: its jobs are
 * taken by another after the lease.
 */
export class CrawlWorker {
  readonly id: string;
  private readonly queue: CrawlQueue;
  private readonly taker: Redis;
  private readonly inFlight = new Map<string, TakenJob>();
  private readonly beat: WorkerHeartbeat;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private wake: (() => void) | undefined;

  private constructor(
    private readonly options: CrawlWorkerOptions,
    private readonly client: WorkerGateway,
    private readonly policy: WorkerPolicy,
    private readonly verifier: StoreVerifier,
    private readonly browser: BrowserPool | null,
  ) {
    this.id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.queue = new CrawlQueue(options.redis, {
      prefix: policy.redis_prefix,
      leaseMs: policy.crawl.lease_ms,
    });
    this.taker = options.redis.duplicate();
    this.taker.on('error', () => {});
    const now = new Date().toISOString();
    this.beat = {
      id: this.id,
      name: policy.worker.name,
      host: os.hostname(),
      pid: process.pid,
      version: CRAWLER_VERSION,
      started_at: now,
      seen_at: now,
      concurrency: options.concurrency,
      browser_slots: browser ? options.browserSlots : 0,
      in_flight: 0,
      jobs_done: 0,
      jobs_dropped: 0,
      errors: 0,
      last_error: null,
      browser_memory_bytes: browser ? 0 : null,
      memory_bytes: process.memoryUsage().rss,
      running: true,
    };
  }

  /** Reads the gateway's crawl policy and makes the crawler by it; WorkerRefused for a wrong key. */
  static async create(options: CrawlWorkerOptions): Promise<CrawlWorker> {
    const client = options.gateway;
    const policy = await client.policy();
    const politeness = {
      perHostConcurrency: 1,
      perHostSpacingMs: policy.crawl.spacing_ms,
      globalConcurrency: policy.crawl.concurrency,
      expirationMs: 120_000,
    };
    let browser: BrowserPool | null = null;
    if (options.browserSlots > 0) {
      try {
        browser = new BrowserPool({
          executablePath: findChromium(options.chromiumPath),
          userAgent: CRAWLER_USER_AGENT,
          slots: options.browserSlots,
          navigationTimeoutMs: policy.crawl.timeout_ms,
          publicAddressesOnly: !policy.crawl.allow_private_addresses,
        });
      } catch (error) {
        if (!(error instanceof BrowserNotFound)) throw error;
        options.logger.warn({ err: error.message }, 'no Chromium: script-built pages will be inconclusive');
      }
    }
    const verifier = new StoreVerifier({
      evidence: new GatewayEvidenceStore(client),
      browser,
      issuers: mergeIssuers(policy.issuers),
      timeoutMs: policy.crawl.timeout_ms,
      publicAddressesOnly: !policy.crawl.allow_private_addresses,
      limiter: createRedisHostLimiter(options.redis, { ...politeness, prefix: policy.redis_prefix }),
      robotsShare: createRedisRobotsShare(options.redis, { prefix: policy.redis_prefix }),
    });
    return new CrawlWorker(options, client, policy, verifier, browser);
  }

  /** Starts taking jobs; resolves when the worker stopped (stop(), or its key was refused). */
  run(): Promise<void> {
    this.loop ??= (async () => {
      await this.verifier.warm();
      await this.heartbeat();
      this.timers.push(
        setInterval(() => void this.heartbeat(), HEARTBEAT_MS),
        setInterval(() => void this.renew(), Math.max(50, Math.floor(this.queue.leaseMs / 3))),
      );
      this.options.logger.info(
        { worker: this.id, name: this.policy.worker.name, concurrency: this.options.concurrency },
        'crawl worker started',
      );
      await this.takeJobs();
    })();
    return this.loop;
  }

  /** Stops taking jobs, finishes those in flight (their results sent), says so in its heartbeat. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop?.catch(() => {});
    for (const timer of this.timers) clearInterval(timer);
    this.beat.running = false;
    await this.heartbeat();
    await this.verifier.close();
    this.taker.disconnect();
  }

  get stats(): Readonly<WorkerHeartbeat> {
    return this.beat;
  }

  private async takeJobs(): Promise<void> {
    const running = new Set<Promise<void>>();
    const takeQueue = new CrawlQueue(this.taker, {
      prefix: this.policy.redis_prefix,
      leaseMs: this.policy.crawl.lease_ms,
    });
    let refused: WorkerRefused | undefined;
    while (!this.stopping && !refused) {
      const free = this.options.concurrency - running.size;
      if (free <= 0) {
        await Promise.race(running);
        continue;
      }
      let taken: TakenJob[];
      try {
        taken = await takeQueue.take(this.id, Math.min(free, TAKE_BATCH), TAKE_BLOCK_MS);
      } catch (error) {
        this.failed(error, 'cannot take jobs (Redis?)');
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 1_000);
        });
        continue;
      }
      for (const job of taken) {
        this.inFlight.set(job.entry, job);
        const work = this.visit(job)
          .catch((error: unknown) => {
            if (error instanceof WorkerRefused) {
              refused = error;
              this.stopping = true;
            }
          })
          .finally(() => {
            this.inFlight.delete(job.entry);
            running.delete(work);
          });
        running.add(work);
      }
    }
    await Promise.allSettled([...running]);
    if (refused) throw refused;
  }

  /** One job: skipped when its crawl was cancelled, else visited, sent, and let go of. */
  private async visit(taken: TakenJob): Promise<void> {
    const { job } = taken;
    try {
      if (await this.options.redis.exists(fleetKeys(this.policy.redis_prefix).cancelled(job.crawlId))) {
        await this.queue.done([taken]);
        this.beat.jobs_dropped += 1;
        return;
      }
      const verification = await this.verifier.verifyStore({ url: job.url, filed: job.filed });
      const outcome = await this.client.sendResult(job.id, verification);
      await this.queue.done([taken]);
      if (outcome.kind === 'recorded') this.beat.jobs_done += 1;
      else {
        this.beat.jobs_dropped += 1;
        this.options.logger.info({ job: job.id, why: outcome.why }, 'job dropped');
      }
    } catch (error) {
      if (error instanceof WorkerRefused) throw error;
      this.failed(error, `job ${job.id} failed (try ${taken.deliveries})`);
      // Left pending: taken again after the lease (by any worker), until it has failed too often.
      if (taken.deliveries >= (this.options.maxDeliveries ?? 3)) {
        await this.queue.done([taken]).catch(() => {});
        this.options.logger.error({ job: job.id, url: job.url }, 'job given up after repeated failures');
      }
    }
  }

  private failed(error: unknown, what: string): void {
    this.beat.errors += 1;
    this.beat.last_error = `${what}: ${(error as Error).message}`.slice(0, 500);
    this.options.logger.warn({ err: error }, what);
  }

  /** Renews the hold on the jobs in flight, so that no other worker takes them while they are visited. */
  private async renew(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await this.queue.extend(this.id, [...this.inFlight.values()]).catch((error: unknown) => {
      this.failed(error, 'cannot renew the hold on jobs (Redis?)');
    });
  }

  private async heartbeat(): Promise<void> {
    this.beat.seen_at = new Date().toISOString();
    this.beat.in_flight = this.inFlight.size;
    this.beat.memory_bytes = process.memoryUsage().rss;
    if (this.browser) this.beat.browser_memory_bytes = processTreeRss(this.browser.livePids());
    await writeHeartbeat(this.options.redis, this.policy.redis_prefix, this.beat).catch(() => {});
  }
}
