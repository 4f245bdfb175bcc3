import { registerKind } from './filings/kinds.ts';
import { SELLER_SOURCE, sellerChecker, sellerIntake } from './sellers/file-sellers.ts';
import { type SellersStore, sellersStore } from './sellers/store.ts';
import {
  TRANSACTION_SOURCE,
  transactionChecker,
  transactionIntake,
} from './transactions/file-transactions.ts';
import { type TransactionsStore, transactionsStore } from './transactions/store.ts';
import { type CreditRecords, creditRecords } from './credit/records.ts';
import { DECISION_SOURCE, decisionChecker, decisionIntake } from './exchange/file-decisions.ts';
import { type DecisionsStore, decisionsStore } from './exchange/store.ts';
import type { Db } from './db/database.ts';

/**
 * Every kind of filing: how its records are checked (on a check worker) and taken in (on the writer).
 * The one place that knows them all; the filing machinery in src/filings/ knows none.
 */
export interface KindStores {
  sellers: SellersStore;
  transactions: TransactionsStore;
  /** The lists, for the joint-punishment warning on seller filings. */
  credit: CreditRecords;
  decisions: DecisionsStore;
}

/** The stores the kinds take filings in with, on one connection (the writer thread's). */
export function openKindStores(db: Db): KindStores {
  return {
    sellers: sellersStore(db),
    transactions: transactionsStore(db),
    credit: creditRecords(db),
    decisions: decisionsStore(db),
  };
}

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
    transactionIntake(stores.transactions, platformId, (id) => stores.sellers.exists(platformId, id)),
  discard: (stores) => stores.transactions.deleteStaged,
});

// Departments' double-publicity decisions (issue 16): the filer is a department, a row of the same table.
registerKind<KindStores>('decisions', {
  source: DECISION_SOURCE,
  checker: decisionChecker,
  intake: (stores, departmentId) => decisionIntake(stores.decisions, departmentId),
  discard: (stores) => stores.decisions.deleteStaged,
});
