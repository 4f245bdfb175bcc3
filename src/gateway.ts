import pino, { type Logger } from 'pino';
import { type AccountsStore, accountsStore } from './accounts/store.ts';
import type { Config } from './config.ts';
import './checkers.ts';
import { type Db, openDatabase } from './db/database.ts';
import { type CheckPool, createCheckPool } from './filings/check-pool.ts';
import { type FilingsStore, filingsStore } from './filings/store.ts';
import { type Keyring, openKeyring } from './keys/keyring.ts';
import { type SellersStore, sellersStore } from './sellers/store.ts';
import { type TransactionsStore, transactionsStore } from './transactions/store.ts';

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
  close(): void;
}

export function openGateway(config: Config, logger?: Logger): Gateway {
  const db = openDatabase(config.dataDir);
  const keys = openKeyring(config.dataDir);
  const checks = createCheckPool({ dataDir: config.dataDir, keys, workers: config.checkWorkers });
  return {
    config,
    db,
    keys,
    logger: logger ?? pino({ level: config.logLevel }),
    accounts: accountsStore(db),
    filings: filingsStore(db),
    sellers: sellersStore(db),
    transactions: transactionsStore(db),
    checks,
    close: () => {
      void checks.close();
      db.close();
    },
  };
}
