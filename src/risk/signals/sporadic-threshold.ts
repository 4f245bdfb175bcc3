import { formatMoney } from '../../lib/money.ts';
import { transactionsSql } from '../../transactions/store.ts';
import type { RiskContext } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { RULES, clampScore } from '../rules.ts';

const RULE = RULES.sporadic_threshold;
const CST_MS = 8 * 3_600_000;

export interface PersonSales {
  subject_id: string;
  net_minor: number;
  /** `<platform>/<seller id>` of each store, with its own net sales. */
  stores: { ref: string; net_minor: number; orders: number }[];
}

/** The finding for one natural person at or above the warning share (pure). */
export function sporadicFinding(p: PersonSales, year: string, thresholdMinor: number): Finding {
  const share = p.net_minor / thresholdMinor;
  const platforms = new Set(p.stores.map((s) => s.ref.split('/')[0])).size;
  const score = share >= 1 ? 70 + Math.min(30, (share - 1) * 60) : 40 + (share - RULE.share) * 150;
  return {
    signal: 'sporadic_threshold',
    version: RULE.version,
    target: { kind: 'subject', subject_id: p.subject_id },
    subject_id: p.subject_id,
    score: clampScore(score),
    explanation: {
      text:
        `This natural person's net sales of CNY ${formatMoney(p.net_minor, 'CNY')} across ${platforms} platform${platforms === 1 ? '' : 's'} in ${year} ` +
        `reach ${Math.floor(share * 100)}% of the CNY ${formatMoney(thresholdMinor, 'CNY')} threshold above which a seller must register` +
        `${share >= 1 ? ' (it is passed)' : ''}; the rule warns from ${RULE.share * 100}%.`,
      rule: RULE.version,
      threshold: { registration_cny: formatMoney(thresholdMinor, 'CNY'), warn_from_share: RULE.share },
      found: {
        net_sales_cny: formatMoney(p.net_minor, 'CNY'),
        share: Number(share.toFixed(3)),
        platforms,
        year,
      },
      comparison: 'the registration threshold for sporadic trading (MARKETGATE_SPORADIC_THRESHOLD_CNY)',
    },
    evidence: { sellers: capped(p.stores.map((s) => s.ref)) },
  };
}

/** What the signal asks the over-threshold report for: this year (China time), from the warning share. */
export function sporadicQuery(now: Date, sporadicThresholdCny: number) {
  const year = new Date(now.getTime() + CST_MS).toISOString().slice(0, 4);
  const thresholdMinor = sporadicThresholdCny * 100;
  const warnFrom = Math.ceil(thresholdMinor * RULE.share);
  // The report keeps what is strictly above its threshold.
  return { year, thresholdMinor, range: [`${year}-01`, `${year}-12`, 'CNY', warnFrom - 1] as const };
}

export function sporadicThreshold(ctx: RiskContext): Finding[] {
  const { year, thresholdMinor, range } = sporadicQuery(ctx.now, ctx.sporadicThresholdCny);
  // Asked of the transactions store before the run (ClickHouse is asked asynchronously), else SQLite's.
  const rows = ctx.sales ?? transactionsSql(ctx.db).overThreshold(...range);
  const people = new Map<string, PersonSales>();
  for (const r of rows) {
    let p = people.get(r.subject_id);
    if (!p)
      people.set(
        r.subject_id,
        (p = { subject_id: r.subject_id, net_minor: r.subject_net_minor, stores: [] }),
      );
    p.stores.push({ ref: `${r.platform}/${r.seller_id}`, net_minor: r.net_minor, orders: r.orders });
  }
  return [...people.values()].map((p) => sporadicFinding(p, year, thresholdMinor));
}
