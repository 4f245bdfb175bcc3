import type { Metrics } from './http/metrics.ts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AccountsStore } from './accounts/store.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { CheckPool } from './filings/check-pool.ts';
import type { Writer } from './filings/writer-client.ts';
import type { FilingsStore } from './filings/store.ts';
import type { Keyring } from './keys/keyring.ts';
import type { SellersStore } from './sellers/store.ts';
import type { TransactionsSql } from './transactions/store.ts';
import type { TransactionsStore } from './transactions/orders.ts';
import type { Crawls } from './verification/crawl-runner.ts';
import type { VerificationStore } from './verification/store.ts';
import type { MarksStore } from './marks/store.ts';
import type { CreditStore } from './credit/store.ts';
import type { EvidenceStore } from '../crawlers/evidence.ts';
import type { CreditRecords } from './credit/records.ts';
import type { CreditPages } from './credit/pages-interface.ts';
import type { AuditLog } from './audit/log.ts';
import type { HolidayCalendar } from './lib/working-days.ts';
import type { ComplaintsStore } from './complaints/store.ts';
import type { DirectoryEvidenceStore } from '../crawlers/evidence.ts';
import type { EventsStore } from './events/store.ts';
import type { DecisionsStore } from './exchange/store.ts';
import type { WebhookDispatcher } from './events/dispatcher.ts';

/** Everything a running gateway holds: its configuration, database, keys, logger and stores. */
/** What the gateway holds of a crawler fleet (issue 20). */
export interface Fleet {
  redis: Redis;
  /** Prefix of the fleet's keys. */
  prefix: string;
}

export interface Gateway {
  config: Config;
  db: Db;
  keys: Keyring;
  logger: Logger;
  /** What GET /metrics shows (src/http/metrics.ts). */
  metrics: Metrics;
  accounts: AccountsStore;
  filings: FilingsStore;
  sellers: SellersStore;
  /** Orders as the writer stages them, and the monthly statistics: SQLite. */
  transactions: TransactionsSql;
  /** Orders and their history as readers see them: SQLite, or ClickHouse (MARKETGATE_TRANSACTIONS_URL). */
  orders: TransactionsStore;
  /** Where records are checked: worker threads beside the main thread. */
  checks: CheckPool;
  /** Where filings are written: a thread with its own connection, or in-process when there are no worker threads. */
  writer: Writer;
  verifications: VerificationStore;
  /** Content-addressed evidence files under <data>/evidence. */
  evidence: EvidenceStore;
  /** Runs crawls in the background; its crawler (and Chromium) start on the first crawl. */
  crawls: Crawls;
  /** The crawler fleet's Redis when MARKETGATE_REDIS_URL is set (crawls then run on workers). */
  fleet: Fleet | undefined;
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
  /** The event feed, acknowledgements, webhooks and their deliveries. */
  events: EventsStore;
  /** Departments' double-publicity decisions: their versions, and what publishing them did. */
  decisions: DecisionsStore;
  /** Sends webhook deliveries; started by the server (src/http/server.ts). */
  webhooks: WebhookDispatcher;
  /** Stops crawls (Chromium included), workers and the database. */
  close(): Promise<void>;
}
