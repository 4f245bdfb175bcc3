import { registerChecker } from './filings/checks.ts';
import { sellerChecker } from './sellers/file-sellers.ts';
import { transactionChecker } from './transactions/file-transactions.ts';

// Every kind of filing's record checker, for the check workers and the in-process fallback alike.
registerChecker('sellers', sellerChecker);
registerChecker('transactions', () => transactionChecker());
