import pino, { type Logger } from 'pino';
import { type AccountsStore, accountsStore } from './accounts/store.ts';
import type { Config } from './config.ts';

import { type Db, openCacheConnection, openDatabase } from './db/database.ts';
import { type CheckPool, createCheckPool } from './filings/check-pool.ts';
import { FilingWriter } from './filings/writer.ts';
import { inProcessWriter, threadWriter, type Writer } from './filings/writer-client.ts';
import './kinds.ts';
import { type FilingsStore, filingsStore } from './filings/store.ts';
import { type Keyring, openKeyring } from './keys/keyring.ts';
import { type SellersStore, sellersStore } from './sellers/store.ts';
import { type TransactionsStore, transactionsStore } from './transactions/store.ts';
import type { StoreVerifier } from '../crawlers/verify/verify-store.ts';
import { CrawlRunner } from './verification/crawl-runner.ts';
import { type VerificationStore, verificationStore } from './verification/store.ts';
import { createVerifier, evidenceStore } from './verification/verifier.ts';
import { type MarksStore, marksStore } from './marks/store.ts';
import { watchVerificationsForMarks } from './marks/policy.ts';
import { type CreditStore, creditStore } from './credit/store.ts';
import { watchVerificationsForCredit } from './credit/watch.ts';
import type { EvidenceStore } from '../crawlers/evidence.ts';
import { type CreditRecords, creditRecords } from './credit/records.ts';
import { type CreditPages, creditPages } from './credit/pages.ts';
import { type AuditLog, auditLog } from './audit/log.ts';
import { loadHolidayCalendar } from './lib/holidays.ts';
import type { HolidayCalendar } from './lib/working-days.ts';
import { type ComplaintsStore, complaintsStore } from './complaints/store.ts';
import path from 'node:path';
import { DirectoryEvidenceStore } from '../crawlers/evidence.ts';

/** Everything a running gateway holds: its configuration, database, keys, logger and stores. */
export interface Gateway {
  config: Config;
  db: Db;
  keys: Keyring;
  logger: Logger;
  accounts: AccountsStore;
  filings: FilingsStore;
  sellers: SellersStore;
  transactions: TransactionsStore;
  /** Where records are checked: worker threads beside the main thread. */
  checks: CheckPool;
  /** Where filings are written: a thread with its own connection, or in-process when there are no worker threads. */
  writer: Writer;
  verifications: VerificationStore;
  /** Content-addressed evidence files under <data>/evidence. */
  evidence: EvidenceStore;
  /** Runs crawls in the background; its crawler (and Chromium) start on the first crawl. */
  crawls: CrawlRunner;
  marks: MarksStore;
  /** The credit ledger (append-only). */
  credit: CreditStore;
  /** Penalties, list entries, commitments, stored scores and alerts. */
  creditRecords: CreditRecords;
  /** Public credit pages kept in the database, kept up to date by triggers (credit/pages.ts). */
  creditPages: CreditPages;
  /** The hash-chained log of regulator actions. */
  audit: AuditLog;
  /** Public holidays and adjusted working days, for legal deadlines. */
  calendar: HolidayCalendar;
  complaints: ComplaintsStore;
  /** Files consumers add to complaints, content-addressed under <data>/complaint-files. */
  complaintFiles: DirectoryEvidenceStore;
  /** Stops crawls (Chromium included), workers and the database. */
  close(): Promise<void>;
}

export function openGateway(config: Config, logger?: Logger): Gateway {
  // Read first: a broken holiday file stops the gateway before it opens anything.
  const calendar = loadHolidayCalendar(config.holidaysFile);
  const db = openDatabase(config.dataDir);
  const keys = openKeyring(config.dataDir);
  const checks = createCheckPool({ dataDir: config.dataDir, keys, workers: config.checkWorkers });
  const filings = filingsStore(db);
  const sellers = sellersStore(db);
  const transactions = transactionsStore(db);
  const records = creditRecords(db);
  const writer =
    config.checkWorkers > 0
      ? threadWriter(config.dataDir)
      : inProcessWriter(
          new FilingWriter({ db, keys, filings, stores: { sellers, transactions, credit: records } }),
        );
  const log = logger ?? pino({ level: config.logLevel });
  const verifications = verificationStore(db);
  let verifier: StoreVerifier | undefined;
  const crawls = new CrawlRunner(verifications, () => (verifier ??= createVerifier(config, log)), log);
  const parts: Omit<Gateway, 'creditPages'> = {
    config,
    db,
    keys,
    logger: log,
    accounts: accountsStore(db),
    filings,
    sellers,
    transactions,
    writer,
    checks,
    verifications,
    evidence: evidenceStore(config),
    crawls,
    marks: marksStore(db),
    credit: creditStore(db),
    creditRecords: records,
    audit: auditLog(db),
    calendar,
    complaints: complaintsStore(db),
    complaintFiles: new DirectoryEvidenceStore(path.join(config.dataDir, 'complaint-files')),
    close: async () => {
      await crawls.stop();
      await verifier?.close();
      await Promise.allSettled([checks.close(), writer.close()]);
      pages.close();
      db.close();
    },
  };
  const pages = creditPages(parts, openCacheConnection(config.dataDir));
  const gateway: Gateway = Object.assign(parts, { creditPages: pages });
  watchVerificationsForMarks(gateway);
  watchVerificationsForCredit(gateway);
  return gateway;
}
