import { registerKind } from './filings/kinds.ts';
import { SELLER_SOURCE, sellerChecker, sellerIntake } from './sellers/file-sellers.ts';
import type { SellersStore } from './sellers/store.ts';
import {
  TRANSACTION_SOURCE,
  transactionChecker,
  transactionIntake,
} from './transactions/file-transactions.ts';
import type { TransactionsStore } from './transactions/store.ts';

/**
 * Every kind of filing: how its records are checked (on a check worker) and taken in (on the writer).
 * The one place that knows them all; the filing machinery in src/filings/ knows none.
 */
export interface KindStores {
  sellers: SellersStore;
  transactions: TransactionsStore;
}

registerKind<KindStores>('sellers', {
  source: SELLER_SOURCE,
  checker: sellerChecker,
  intake: (stores, platformId) => sellerIntake(stores.sellers, platformId),
  discard: (stores) => stores.sellers.deleteStaged,
});

registerKind<KindStores>('transactions', {
  source: TRANSACTION_SOURCE,
  checker: () => transactionChecker(),
  intake: (stores, platformId) =>
    transactionIntake(stores.transactions, platformId, (id) => stores.sellers.exists(platformId, id)),
  discard: (stores) => stores.transactions.deleteStaged,
});
