import { type Config, MIN_RETENTION_YEARS } from '../config.ts';
import type { TransactionsSql } from './store.ts';

export interface RetentionReport {
  cutoff: string;
  dryRun: boolean;
  platforms: { platform: string; orders: number; oldest: string; newest: string }[];
  removedOrders: number;
  removedVersions: number;
}

const BATCH = 2000;

/** The moment before which finished orders may go: `years` calendar years before `now`. */
export function retentionCutoff(now: Date, years: number): string {
  if (years < MIN_RETENTION_YEARS)
    throw new Error(`retention below ${MIN_RETENTION_YEARS} years is not allowed`);
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/**
 * Removes every version of each order that finished longer ago than the retention period (E-Commerce
 * Law art. 31: at least three years after completion). Orders not finished are never removed. The
 * monthly statistics stay: they are aggregates, not transaction records.
 */
export function runRetention(
  store: TransactionsSql,
  config: Config,
  options: { now?: Date; dryRun?: boolean } = {},
) {
  const cutoff = retentionCutoff(options.now ?? new Date(), config.retentionYears);
  const report: RetentionReport = {
    cutoff,
    dryRun: Boolean(options.dryRun),
    platforms: store.expiredSummary(cutoff),
    removedOrders: 0,
    removedVersions: 0,
  };
  if (options.dryRun) return report;
  for (;;) {
    const batch = store.expiredOrders(cutoff, BATCH);
    if (batch.length === 0) break;
    store.transaction(() => {
      for (const order of batch)
        report.removedVersions += store.deleteOrder(order.platform_id, order.order_id);
    });
    report.removedOrders += batch.length;
  }
  return report;
}
