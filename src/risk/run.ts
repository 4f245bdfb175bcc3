import { DomainError } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import type { OverThresholdRow } from '../transactions/stats.ts';
import { newId } from '../lib/ids.ts';
import type { RiskContext, SignalRule } from './context.ts';
import { type Finding, targetKey } from './finding.ts';
import { type FoldReport, foldBatch } from './fold.ts';
import { SIGNALS, type Signal, severityOf } from './rules.ts';
import { assistanceOverdue } from './signals/assistance-overdue.ts';
import { complaintSpike } from './signals/complaint-spike.ts';
import { duplicateTraceCode } from './signals/duplicate-trace-code.ts';
import { filingGap } from './signals/filing-gap.ts';
import { orderBrushing } from './signals/order-brushing.ts';
import { relistedOffender } from './signals/relisted-offender.ts';
import { sharedContact } from './signals/shared-contact.ts';
import { sporadicQuery, sporadicThreshold } from './signals/sporadic-threshold.ts';
import { riskStore } from './store.ts';
import { type StoreHourReads, sqliteStoreHours } from './store-hours.ts';

export const SIGNAL_RULES: Record<Signal, SignalRule> = {
  order_brushing: orderBrushing,
  shared_contact: sharedContact,
  relisted_offender: relistedOffender,
  sporadic_threshold: sporadicThreshold,
  complaint_spike: complaintSpike,
  filing_gap: filingGap,
  assistance_overdue: assistanceOverdue,
  duplicate_trace_code: duplicateTraceCode,
};

export interface SignalReport {
  signal: Signal;
  /** Targets the rule fired on in this run. */
  fired: number;
  new: number;
  updated: number;
  unchanged: number;
  ms: number;
  /** The warnings this run opened: id and target. */
  opened: { warning_id: string; target: string; score: number }[];
  /** Why the signal did not run (what it reads did not answer); its warnings stay as they were. */
  skipped?: string;
}

export interface RiskRunReport {
  at: string;
  fold: FoldReport & { ms: number };
  signals: SignalReport[];
  ms: number;
}

export type RiskGateway = Pick<Gateway, 'db' | 'keys' | 'config'>;
/** What the asynchronous runs need besides: the transactions store, asked for the over-threshold rows. */
export type AsyncRiskGateway = RiskGateway & Pick<Gateway, 'orders'>;

/**
 * Runs the signals: first folds the filings published since the last run into the aggregates, then each
 * signal's rule over them, and writes what fired as warnings, each signal in one transaction. A target
 * that fired before updates its warning (last seen, score, explanation, evidence); its status, and a
 * regulator's decision, stay as they are. Never writes a credit event.
 */
export function runRisk(gw: RiskGateway, options: RunOptions = {}): RiskRunReport {
  const steps = riskSteps(gw, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same run as the server makes it, beside filings: smaller fold batches, and after each batch and
 * each signal the write lock left free for LOCK_GAP_MS. SQLite gives the lock to no one in particular: a
 * connection waiting for it (the filing writer, on its own thread) sleeps and tries again, up to 100 ms
 * apart; steps separated only by a turn of the event loop took the lock back before it woke, again and
 * again, until its busy timeout ran out and a filing of millions of orders failed with "database is
 * locked" (docs/benchmarks.md, the 10,000,000-order run).
 */
export async function runRiskPaced(gw: AsyncRiskGateway, options: RunOptions = {}): Promise<RiskRunReport> {
  const steps = riskSteps(gw, { foldRecords: PACED_FOLD_RECORDS, ...(await withSales(gw, options)) });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setTimeout(resolve, options.lockGapMs ?? LOCK_GAP_MS));
  }
}

/** The run of `risk run`: at once, but with the over-threshold rows asked of the transactions store. */
export async function runRiskNow(gw: AsyncRiskGateway, options: RunOptions = {}): Promise<RiskRunReport> {
  return runRisk(gw, await withSales(gw, options));
}

/**
 * The options with what the transactions store answers only asynchronously (with ClickHouse): the
 * over-threshold rows sporadic_threshold reads, and the store-hour aggregate the order rules read. Either
 * is `null` when the store did not answer: the signals reading it are skipped, the others run.
 */
async function withSales(gw: AsyncRiskGateway, options: RunOptions): Promise<RunOptions> {
  const now = options.now ?? new Date();
  const signals = options.signals ?? SIGNALS;
  const unavailable = (err: unknown) => {
    if (err instanceof DomainError && err.code === 'store_unavailable') return null;
    throw err;
  };
  const withAnswers: RunOptions = { ...options, now };
  if (signals.includes('sporadic_threshold')) {
    const { range } = sporadicQuery(now, gw.config.sporadicThresholdCny);
    withAnswers.sales = await gw.orders.overThreshold(...range).catch(unavailable);
  }
  if (signals.some((s) => STORE_HOUR_SIGNALS.includes(s)))
    withAnswers.storeHours = await gw.orders.riskHours(now).catch(unavailable);
  return withAnswers;
}

/** Longer than SQLite's longest sleep between two tries for a busy lock (100 ms). */
export const LOCK_GAP_MS = 120;
/** Orders folded in one transaction of a paced run: about a tenth of a second of the write lock. */
const PACED_FOLD_RECORDS = 2_000;

export interface RunOptions {
  now?: Date;
  signals?: readonly Signal[];
  /** Findings recorded in one transaction (FINDINGS_A_TRANSACTION; tests make it small). */
  findingsPerTransaction?: number;
  /** Orders or sellers folded in one transaction (fold.ts's BATCH_RECORDS unless given). */
  foldRecords?: number;
  /** A paced run's pause between steps (LOCK_GAP_MS; tests make it small). */
  lockGapMs?: number;
  /** The over-threshold rows, asked beforehand (withSales); null: not answered. Else SQLite's. */
  sales?: readonly OverThresholdRow[] | null;
  /** The store-hour aggregate, asked beforehand (withSales); null: not answered. Else SQLite's. */
  storeHours?: StoreHourReads | null;
}

/** The signals that read the store-hour aggregate: skipped when the transactions store did not answer. */
const STORE_HOUR_SIGNALS: readonly Signal[] = ['order_brushing', 'complaint_spike', 'filing_gap'];

/** Findings recorded in one transaction: a few milliseconds of the write lock. */
const FINDINGS_A_TRANSACTION = 500;

function* riskSteps(gw: RiskGateway, options: RunOptions): Generator<void, RiskRunReport> {
  const now = options.now ?? new Date();
  const started = performance.now();
  const folded: FoldReport = { filings: 0, orders: 0, sellers: 0 };
  while (foldBatch(gw.db, gw.keys, folded, now, options.foldRecords)) yield;
  const fold = { ...folded, ms: Math.round(performance.now() - started) };
  const ctx: RiskContext = {
    db: gw.db,
    now,
    platforms: new Map(
      gw.db
        .prepare<[], { id: number; slug: string }>('SELECT id, slug FROM platforms')
        .all()
        .map((p) => [p.id, p.slug]),
    ),
    sporadicThresholdCny: gw.config.sporadicThresholdCny,
    sales: options.sales ?? undefined,
    storeHours: options.storeHours ?? sqliteStoreHours(gw.db),
  };
  const signals: SignalReport[] = [];
  for (const signal of options.signals ?? SIGNALS) {
    if (
      (signal === 'sporadic_threshold' && options.sales === null) ||
      (STORE_HOUR_SIGNALS.includes(signal) && options.storeHours === null)
    ) {
      const skipped = 'the transactions store did not answer';
      signals.push({ signal, fired: 0, new: 0, updated: 0, unchanged: 0, opened: [], ms: 0, skipped });
      continue;
    }
    const t = performance.now();
    const findings = SIGNAL_RULES[signal](ctx);
    // Recorded a chunk a transaction, the event loop (and the filing writer, waiting for the lock) let in
    // between: a signal that fires on thousands of stores must not hold the database's write lock for
    // seconds while filings stream in. Each finding stands alone (inserted or refreshed by its target).
    const report: Omit<SignalReport, 'ms'> = {
      signal,
      fired: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      opened: [],
    };
    const per = options.findingsPerTransaction ?? FINDINGS_A_TRANSACTION;
    for (let i = 0; i < findings.length || i === 0; i += per) {
      const chunk = findings.slice(i, i + per);
      const part = gw.db.transaction(() => recordFindings(gw, signal, chunk, now)).immediate();
      report.fired += part.fired;
      report.new += part.new;
      report.updated += part.updated;
      report.unchanged += part.unchanged;
      report.opened.push(...part.opened);
      if (i + per < findings.length) yield;
    }
    signals.push({ ...report, ms: Math.round(performance.now() - t) });
    yield;
  }
  return { at: now.toISOString(), fold, signals, ms: Math.round(performance.now() - started) };
}

function recordFindings(
  gw: RiskGateway,
  signal: Signal,
  findings: Finding[],
  now: Date,
): Omit<SignalReport, 'ms'> {
  const store = riskStore(gw.db);
  const at = now.toISOString();
  const report: Omit<SignalReport, 'ms'> = {
    signal,
    fired: findings.length,
    new: 0,
    updated: 0,
    unchanged: 0,
    opened: [],
  };
  for (const f of findings) {
    const target = targetKey(f.target);
    const store_url =
      f.target.kind === 'store' ? store.storeUrl(f.target.platform_id, f.target.seller_id) : null;
    const row = {
      signal,
      target,
      subject_id: f.subject_id,
      platform_id: f.target.kind === 'subject' ? null : f.target.platform_id,
      seller_id: f.target.kind === 'store' ? f.target.seller_id : null,
      store_url,
      rule_version: f.version,
      severity: severityOf(f.score),
      score: f.score,
      explanation: JSON.stringify(f.explanation),
      evidence: JSON.stringify(f.evidence),
      at,
    };
    const existing = store.byTarget(signal, target);
    if (!existing) {
      const id = newId();
      store.insert({ ...row, id });
      report.new++;
      report.opened.push({ warning_id: id, target, score: f.score });
      continue;
    }
    const changed =
      existing.score !== row.score ||
      existing.explanation !== row.explanation ||
      existing.evidence !== row.evidence;
    store.refresh({ ...row, id: existing.id, changed: changed ? 1 : 0 });
    if (changed) report.updated++;
    else report.unchanged++;
  }
  return report;
}
