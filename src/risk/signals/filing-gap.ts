import { type RiskContext, daysBefore } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { chinaHour, hourStart } from '../hours.ts';
import { RULES } from '../rules.ts';

const RULE = RULES.filing_gap;
const CST_MS = 8 * 3_600_000;
/** A filing refused as a whole (atomic, applied: false) filed nothing: it does not meet the duty. */
const APPLIED = `json_extract(f.receipt, '$.applied') IS NOT 0`;

/**
 * The half-year a moment is in (China Standard Time) and its filing month: platforms file their sellers'
 * identity at least every half-year, in January and in July.
 */
export function halfYear(now: Date): { start: string; dueBy: string; previousStart: string; label: string } {
  const cst = new Date(now.getTime() + CST_MS);
  const year = cst.getUTCFullYear();
  const second = cst.getUTCMonth() >= 6;
  const at = (y: number, month: number) => new Date(Date.UTC(y, month, 1) - CST_MS).toISOString();
  return {
    start: at(year, second ? 6 : 0),
    dueBy: at(year, second ? 7 : 1),
    previousStart: second ? at(year, 0) : at(year - 1, 6),
    label: `${year}-H${second ? 2 : 1}`,
  };
}

export interface PlatformFilings {
  platform_id: number;
  slug: string;
  created_at: string;
  last_sellers_filing: string | null;
  last_sellers_filing_id: string | null;
}

/** A platform that has not filed its sellers in the current half-year once its filing month is over (pure). */
export function platformGap(p: PlatformFilings, now: Date): Finding | null {
  const h = halfYear(now);
  if (now.toISOString() < h.dueBy || p.created_at >= h.start) return null;
  if (p.last_sellers_filing && p.last_sellers_filing >= h.start) return null;
  const never = !p.last_sellers_filing;
  const alsoLast = never || p.last_sellers_filing! < h.previousStart;
  return {
    signal: 'filing_gap',
    version: RULE.version,
    target: { kind: 'platform', platform_id: p.platform_id },
    subject_id: null,
    score: alsoLast ? 80 : 60,
    explanation: {
      text:
        `Platform ${p.slug} has not filed its sellers' identity in ${h.label}: ` +
        (never ? 'it never has.' : `its last seller filing was received at ${p.last_sellers_filing}.`) +
        ` Platforms file at least every half-year, in January and July; ${h.label}'s filing was due by ${h.dueBy}.`,
      rule: RULE.version,
      threshold: { half_year_starts: h.start, due_by: h.dueBy },
      found: {
        last_sellers_filing: p.last_sellers_filing ?? 'never',
        previous_half_year_missed: alsoLast ? 'yes' : 'no',
      },
      comparison: null,
    },
    evidence: p.last_sellers_filing_id ? { filings: capped([p.last_sellers_filing_id]) } : {},
  };
}

export interface StoppedStore {
  platform_id: number;
  seller_id: string;
  subject_id: string | null;
  last_hour: string;
  orders_before: number;
  platform_last_hour: string;
  verification_id: string;
  verified_at: string;
  verdict: string;
}

/** A store whose filed orders stopped while its platform files on and a crawl shows the store open (pure). */
export function storeGap(s: StoppedStore, sellerRef: string): Finding {
  const silentDays = (hourStart(s.platform_last_hour) - hourStart(s.last_hour)) / 86_400_000;
  return {
    signal: 'filing_gap',
    version: RULE.version,
    target: { kind: 'store', platform_id: s.platform_id, seller_id: s.seller_id },
    subject_id: s.subject_id,
    score: Math.min(75, 45 + Math.floor(silentDays)),
    explanation: {
      text:
        `This store's filed orders stopped at ${s.last_hour.replace('T', ' ')}:00 CST after ${s.orders_before} in the 30 days before, ` +
        `while its platform filed orders for ${silentDays.toFixed(0)} more days, and a verification at ${s.verified_at} ` +
        `(${s.verdict}) found the store open. The rule needs ≥ ${RULE.minOrdersBefore} orders in the 30 days before and ` +
        `${RULE.silentDays} days of silence.`,
      rule: RULE.version,
      threshold: { min_orders_before: RULE.minOrdersBefore, silent_days: RULE.silentDays },
      found: {
        last_order_hour: s.last_hour,
        orders_before: s.orders_before,
        silent_days: Number(silentDays.toFixed(1)),
        verdict: s.verdict,
      },
      comparison: `the platform's latest filed order (${s.platform_last_hour.replace('T', ' ')}:00 CST)`,
    },
    evidence: { verifications: capped([s.verification_id]), sellers: capped([sellerRef]) },
  };
}

/** The first hour the rule looks at stores from, at `now`. */
export const storesFrom = (now: Date) => chinaHour(daysBefore(now, RULE.lookBackDays).toISOString());

export function filingGap(ctx: RiskContext): Finding[] {
  const findings: Finding[] = [];
  const platforms = ctx.db
    .prepare<[], PlatformFilings>(
      `SELECT p.id AS platform_id, p.slug, p.created_at,
              (SELECT max(f.received_at) FROM filings f WHERE f.platform_id = p.id AND f.kind = 'sellers' AND ${APPLIED}) AS last_sellers_filing,
              (SELECT f.id FROM filings f WHERE f.platform_id = p.id AND f.kind = 'sellers' AND ${APPLIED} ORDER BY f.received_at DESC LIMIT 1) AS last_sellers_filing_id
       FROM platforms p WHERE p.kind = 'platform' ORDER BY p.id`,
    )
    .all();
  for (const p of platforms) {
    const f = platformGap(p, ctx.now);
    if (f) findings.push(f);
  }

  const lastHours = ctx.storeHours.lastHours(storesFrom(ctx.now));
  const platformLast = new Map<number, string>();
  for (const s of lastHours)
    if ((platformLast.get(s.platform_id) ?? '') < s.last_hour) platformLast.set(s.platform_id, s.last_hour);
  const seller = ctx.db.prepare<[number, string], { subject_id: string; status: string }>(
    'SELECT subject_id, status FROM sellers WHERE platform_id = ? AND seller_id = ?',
  );
  const verified = ctx.db.prepare<
    [number, string, string],
    { id: string; finished_at: string; verdict: string }
  >(
    `SELECT id, finished_at, verdict FROM verifications
     WHERE platform_id = ? AND seller_id = ? AND finished_at > ? AND verdict <> 'inconclusive'
     ORDER BY finished_at DESC LIMIT 1`,
  );
  for (const s of lastHours) {
    const platformLastHour = platformLast.get(s.platform_id)!;
    if (hourStart(platformLastHour) - hourStart(s.last_hour) < RULE.silentDays * 86_400_000) continue;
    const current = seller.get(s.platform_id, s.seller_id);
    // A suspended store is not expected to sell; a closed one is gone.
    if (!current || current.status !== 'active') continue;
    const ordersBefore = ctx.storeHours.ordersBefore(s.platform_id, s.seller_id, s.last_hour);
    if (ordersBefore < RULE.minOrdersBefore) continue;
    const v = verified.get(
      s.platform_id,
      s.seller_id,
      new Date(hourStart(s.last_hour) + 3_600_000).toISOString(),
    );
    if (!v) continue;
    findings.push(
      storeGap(
        {
          platform_id: s.platform_id,
          seller_id: s.seller_id,
          subject_id: current.subject_id,
          last_hour: s.last_hour,
          orders_before: ordersBefore,
          platform_last_hour: platformLastHour,
          verification_id: v.id,
          verified_at: v.finished_at,
          verdict: v.verdict,
        },
        `${ctx.platforms.get(s.platform_id) ?? s.platform_id}/${s.seller_id}`,
      ),
    );
  }
  return findings;
}
