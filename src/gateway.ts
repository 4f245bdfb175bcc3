import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import type { StoreVerifier } from '../crawlers/verify/verify-store.ts';
import { accountsStore } from './accounts/store.ts';

import { type Db, openCacheConnection, openDatabase } from './db/database.ts';
import { createCheckPool } from './filings/check-pool.ts';
import { FilingWriter } from './filings/writer.ts';
import { inProcessWriter, threadWriter } from './filings/writer-client.ts';
import { type KindStores, loadedVersionsIn } from './kinds.ts';
import './kinds.ts';
import { filingsStore } from './filings/store.ts';
import { openKeyring } from './keys/keyring.ts';
import { sellersStore } from './sellers/store.ts';
import { transactionsSql } from './transactions/store.ts';
import { sqliteOrders } from './transactions/orders.ts';
import { clickHouseOrders } from './transactions/clickhouse/orders.ts';
import { gatewayIdentity } from './transactions/clickhouse/schema.ts';
import { type MetricSources, Metrics } from './http/metrics.ts';
import { DATABASE_FILE, RESTORED_MARKER } from './backup/manifest.ts';
import { Redis } from 'ioredis';
import { FleetCrawlRunner } from './fleet/runner.ts';
import { CrawlRunner, type Crawls } from './verification/crawl-runner.ts';
import { recordVerification } from './verification/service.ts';
import { verificationStore } from './verification/store.ts';
import { createVerifier, evidenceStore } from './verification/verifier.ts';
import { marksStore } from './marks/store.ts';
import { creditStore } from './credit/store.ts';
import { creditRecords } from './credit/records.ts';
import { creditPages } from './credit/pages.ts';
import { auditLog } from './audit/log.ts';
import { loadHolidayCalendar } from './lib/holidays.ts';
import { complaintsStore } from './complaints/store.ts';
import fs from 'node:fs';
import path from 'node:path';
import { DirectoryEvidenceStore } from '../crawlers/evidence.ts';
import { eventsStore } from './events/store.ts';
import { decisionsStore } from './exchange/store.ts';
import { WebhookDispatcher } from './events/dispatcher.ts';

export type { Gateway } from './gateway-types.ts';
import type { Fleet, Gateway } from './gateway-types.ts';

export function openGateway(config: Config, logger?: Logger): Gateway {
  // Read first: a broken holiday file stops the gateway before it opens anything.
  const calendar = loadHolidayCalendar(config.holidaysFile);
  const db = openDatabase(config.dataDir);
  const keys = openKeyring(config.dataDir);
  const checks = createCheckPool({ dataDir: config.dataDir, keys, workers: config.checkWorkers });
  const filings = filingsStore(db);
  const sellers = sellersStore(db);
  const transactions = transactionsSql(db);
  const records = creditRecords(db);
  const decisions = decisionsStore(db);
  // Orders in ClickHouse (MARKETGATE_TRANSACTIONS_URL, issue 21): one server, or a cluster's shards.
  const clickhouse = config.transactionsUrl
    ? { url: config.transactionsUrl, cluster: config.transactionsCluster, gateway: gatewayIdentity(db) }
    : undefined;
  const writer =
    config.checkWorkers > 0
      ? threadWriter(config.dataDir, { transactions: clickhouse })
      : inProcessWriter(
          new FilingWriter<KindStores>({
            db,
            keys,
            filings,
            stores: {
              sellers,
              transactions,
              credit: records,
              decisions,
              loadedVersions: loadedVersionsIn(clickhouse, db),
            },
          }),
        );
  const log = logger ?? pino({ level: config.logLevel });
  // Orders and their history: SQLite, or ClickHouse (issue 21) loaded from SQLite after signing.
  const orders = clickhouse
    ? clickHouseOrders({
        connection: clickhouse,
        db,
        keys,
        sql: transactions,
        logger: log,
        restoredMarker: path.join(config.dataDir, RESTORED_MARKER),
      })
    : sqliteOrders(transactions, db);
  const verifications = verificationStore(db);
  let verifier: StoreVerifier | undefined;
  let fleet: Fleet | undefined;
  let crawls: Crawls;
  if (config.crawl.redisUrl) {
    // A fleet (issue 20): crawls are queued in Redis for `marketgate crawl-worker` processes.
    // A command that gets no answer in 5 s fails (the runner logs it and tries at its next look) rather
    // than holding the runner, a page or the gateway's close for as long as Redis is away.
    const redis = new Redis(config.crawl.redisUrl, { commandTimeout: 5_000, maxRetriesPerRequest: 2 });
    redis.on('error', () => {}); // the runner logs what fails, once per outage
    const runner = new FleetCrawlRunner(verifications, redis, log, {
      prefix: config.crawl.redisPrefix,
      leaseMs: config.crawl.leaseMs,
    });
    fleet = { redis, prefix: config.crawl.redisPrefix };
    crawls = runner;
  } else {
    // Each visit is recorded by the verb, with its credit events, mark changes and audit entry.
    crawls = new CrawlRunner(
      verifications,
      () => (verifier ??= createVerifier(config, log)),
      (crawlId, store, verification) =>
        recordVerification(gateway, crawlId, store, verification).verification_id,
      log,
    );
  }
  const events = eventsStore(db);
  const metrics = new Metrics();
  const webhooks = new WebhookDispatcher({ events, keys, logger: log, config: config.webhooks, metrics });
  const parts: Omit<Gateway, 'creditPages'> = {
    config,
    db,
    keys,
    logger: log,
    metrics,
    accounts: accountsStore(db),
    filings,
    sellers,
    transactions,
    orders,
    writer,
    checks,
    verifications,
    evidence: evidenceStore(config),
    crawls,
    fleet,
    marks: marksStore(db),
    credit: creditStore(db),
    creditRecords: records,
    audit: auditLog(db),
    calendar,
    complaints: complaintsStore(db),
    complaintFiles: new DirectoryEvidenceStore(path.join(config.dataDir, 'complaint-files')),
    events,
    decisions,
    webhooks,
    close: async () => {
      await webhooks.stop();
      await crawls.stop();
      await verifier?.close();
      if (fleet) await closeRedis(fleet.redis);
      await Promise.allSettled([checks.close(), writer.close(), orders.close()]);
      pages.close();
      db.close();
    },
  };
  const pages = creditPages(parts, openCacheConnection(config.dataDir));
  const gateway: Gateway = Object.assign(parts, { creditPages: pages });
  metrics.readFrom(metricSources(db, config.dataDir, () => verifier));
  return gateway;
}

/** Quits politely when Redis answers within 2 s, else drops the connection: closing never waits on Redis. */
async function closeRedis(redis: Redis): Promise<void> {
  const quit = redis.quit().catch(() => undefined);
  const late = new Promise((resolve) => setTimeout(resolve, 2_000).unref());
  await Promise.race([quit, late]);
  redis.disconnect();
}

/** What GET /metrics reads when it is scraped: the filing queue, the database's size, the browser. */
function metricSources(db: Db, dataDir: string, verifier: () => StoreVerifier | undefined): MetricSources {
  const inProgress = db.prepare<[], { platform: string; filings: number }>(
    `SELECT p.slug AS platform, count(*) AS filings FROM filing_stages s JOIN platforms p ON p.id = s.platform_id
     GROUP BY p.slug`,
  );
  const file = path.join(dataDir, DATABASE_FILE);
  const size = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  return {
    filingsInProgress: () => inProgress.all(),
    databaseBytes: () => size(file) + size(`${file}-wal`),
    browserSlots: () => verifier()?.browserPages(),
  };
}
