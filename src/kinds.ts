import { registerKind } from './filings/kinds.ts';
import { SELLER_SOURCE, sellerChecker, sellerIntake } from './sellers/file-sellers.ts';
import { type SellersStore, sellersStore } from './sellers/store.ts';
import {
  type LoadedVersions,
  TRANSACTION_SOURCE,
  transactionChecker,
  transactionIntake,
} from './transactions/file-transactions.ts';
import { type TransactionsSql, transactionsSql } from './transactions/store.ts';
import { type CreditRecords, creditRecords } from './credit/records.ts';
import { DECISION_SOURCE, decisionChecker, decisionIntake } from './exchange/file-decisions.ts';
import { type DecisionsStore, decisionsStore } from './exchange/store.ts';
import type { Db } from './db/database.ts';
import { loadedVersions } from './transactions/clickhouse/admission.ts';
import { openTopology, type TransactionsConnection } from './transactions/clickhouse/schema.ts';

/**
 * Every kind of filing: how its records are checked (on a check worker) and taken in (on the writer).
 * The one place that knows them all; the filing machinery in src/filings/ knows none.
 */
export interface KindStores {
  sellers: SellersStore;
  transactions: TransactionsSql;
  /** The lists, for the joint-punishment warning on seller filings. */
  credit: CreditRecords;
  decisions: DecisionsStore;
  /** Orders' versions that left SQLite for ClickHouse (decision 0021); none without it. */
  loadedVersions?: LoadedVersions;
}

/**
 * The stores the kinds take filings in with, on one connection (the writer thread's). With
 * MARKETGATE_TRANSACTIONS_URL, orders are compared with their versions loaded into ClickHouse too.
 */
export function openKindStores(db: Db, options: { transactions?: TransactionsConnection } = {}): KindStores {
  return {
    sellers: sellersStore(db),
    transactions: transactionsSql(db),
    credit: creditRecords(db),
    decisions: decisionsStore(db),
    loadedVersions: loadedVersionsIn(options.transactions, db),
  };
}

/** What transaction filings compare orders with in ClickHouse, when orders are there. */
export const loadedVersionsIn = (transactions: TransactionsConnection | undefined, db: Db) =>
  transactions ? loadedVersions(openTopology(transactions, db), db).versions : undefined;

registerKind<KindStores>('sellers', {
  source: SELLER_SOURCE,
  checker: sellerChecker,
  intake: (stores, platformId) => sellerIntake(stores.sellers, platformId, stores.credit),
  discard: (stores) => stores.sellers.deleteStaged,
});

registerKind<KindStores>('transactions', {
  source: TRANSACTION_SOURCE,
  checker: () => transactionChecker(),
  intake: (stores, platformId) =>
    transactionIntake(
      stores.transactions,
      platformId,
      (id) => stores.sellers.exists(platformId, id),
      stores.loadedVersions,
    ),
  discard: (stores) => stores.transactions.deleteStaged,
});

// Departments' double-publicity decisions (issue 16): the filer is a department, a row of the same table.
registerKind<KindStores>('decisions', {
  source: DECISION_SOURCE,
  checker: decisionChecker,
  intake: (stores, departmentId) => decisionIntake(stores.decisions, departmentId),
  discard: (stores) => stores.decisions.deleteStaged,
});
