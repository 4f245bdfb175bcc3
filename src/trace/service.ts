import { DomainError } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { newId } from '../lib/ids.ts';
import { countSales, monthOf, type TraceResult } from './check.ts';
import { TRACE_SCHEMES, type TraceScheme, traceCodeProblem } from './codes.ts';
import { schemeKey, type TraceSale } from './store.ts';
import { statusCode } from '../transactions/pack.ts';

const CANCELLED = statusCode('cancelled');

export type TraceGateway = Pick<Gateway, 'db' | 'transactions' | 'verifications' | 'config'>;

/** Sales of one code read for the public check: a code sold more often is reported by its totals. */
export const SALES_READ = 1_000;
/** Stores a check names: a code copied onto thousands of boxes is sold by many. */
export const STORES_SHOWN = 20;

/** A store as the check shows it: who sold, never who bought. */
export interface TraceStore {
  platform: string;
  platform_name: string;
  seller_id: string;
  store_name: string | null;
  store_url: string | null;
  credit_page: string | null;
  verification: { verdict: string; finished_at: string } | null;
}

export interface TraceCheck {
  scheme: TraceScheme;
  code: string;
  result: TraceResult;
  sale: (TraceStore & { month: string; category: string | null }) | null;
  sales: {
    count: number;
    first_month: string;
    last_month: string;
    stores: (TraceStore & { sales: number })[];
    stores_total: number;
  } | null;
  returned_and_resold: number;
  recall: { recall_id: string; reason: string; legal_basis: string; recalled_at: string } | null;
  meaning: string;
}

function storeHeads(gw: TraceGateway) {
  const cache = new Map<string, TraceStore>();
  return (platformId: number, sellerId: string): TraceStore => {
    const key = `${platformId}\u0000${sellerId}`;
    let store = cache.get(key);
    if (!store) {
      const h = gw.transactions.trace.storeHead(platformId, sellerId);
      const v = gw.verifications.latestOfStore(platformId, sellerId);
      store = {
        platform: h?.platform ?? String(platformId),
        platform_name: h?.platform_name ?? '',
        seller_id: sellerId,
        store_name: h?.store_name ?? null,
        store_url: h?.store_url ?? null,
        credit_page: h?.subject_id ? `${gw.config.publicUrl}/credit/${h.subject_id}` : null,
        verification: v ? { verdict: v.verdict, finished_at: v.finished_at } : null,
      };
      cache.set(key, store);
    }
    return store;
  };
}

const MEANINGS: Record<TraceResult, string> = {
  not_found:
    'No platform has filed a sale of this code. Platforms file orders by the end of the day after: a box bought online today may not be filed yet. A code that stays unknown may be invented: ask the seller, or lodge a complaint.',
  sold_once:
    'One sale of this code was filed. If you bought the box from this store, that sale is yours. If you bought it elsewhere, the box is not the one the code was sold on: lodge a complaint with the trace code.',
  sold_more_than_once:
    'This code was sold more than once. A code is printed on one box: a second sale may mean a box sold again after use, or a counterfeit carrying a copied code. If in doubt, do not use the product; lodge a complaint with the trace code, which links your complaint to these sales.',
};

/** Refuses a scheme or code the schemes do not take (invalid_trace_code). */
export function checkedCode(scheme: string, code: string): TraceScheme {
  const problem = traceCodeProblem(scheme, code);
  if (problem) throw new DomainError('invalid_trace_code', `${scheme}/${code}: ${problem}`);
  return scheme as TraceScheme;
}

/**
 * The public check of a code (GET /public/trace/{scheme}/{code}): whether it was filed as sold, once or
 * more than once, by which stores and in which months, and whether it was recalled. Nothing about a
 * buyer, nor any order id.
 */
export function checkTraceCode(gw: TraceGateway, scheme: string, code: string): TraceCheck {
  const key = schemeKey(checkedCode(scheme, code));
  const { trace } = gw.transactions;
  const rows = trace.sales(key, code, SALES_READ);
  const counted = countSales(rows);
  const storeOf = storeHeads(gw);
  const recall = trace.recallOf(key, code);
  const base = {
    scheme: scheme as TraceScheme,
    code,
    result: counted.result,
    sale: null,
    sales: null,
    returned_and_resold: counted.returned.length,
    recall: recall
      ? {
          recall_id: recall.id,
          reason: recall.reason,
          legal_basis: recall.legal_basis,
          recalled_at: recall.recalled_at,
        }
      : null,
    meaning: MEANINGS[counted.result],
  };
  if (counted.result === 'not_found') return base;
  if (counted.result === 'sold_once') {
    const s = counted.sold[0]!;
    return {
      ...base,
      sale: {
        ...storeOf(s.platform_id, s.seller_id),
        month: monthOf(s.placed_at),
        category: s.category || null,
      },
    };
  }
  // More sales than read: the totals of all of them (cancelled ones and returns among those not read count).
  const whole = rows.length === SALES_READ ? trace.summary(key, code) : null;
  const byStore = new Map<string, { sale: TraceSale; sales: number }>();
  for (const s of counted.sold) {
    const k = `${s.platform_id}\u0000${s.seller_id}`;
    const entry = byStore.get(k) ?? { sale: s, sales: 0 };
    entry.sales++;
    byStore.set(k, entry);
  }
  const stores = [...byStore.values()].sort((a, b) => b.sales - a.sales);
  return {
    ...base,
    sales: {
      count: whole?.sales ?? counted.sold.length,
      first_month: monthOf(whole?.first ?? counted.sold[0]!.placed_at),
      last_month: monthOf(whole?.last ?? counted.sold.at(-1)!.placed_at),
      stores: stores
        .slice(0, STORES_SHOWN)
        .map(({ sale, sales }) => ({ ...storeOf(sale.platform_id, sale.seller_id), sales })),
      stores_total: stores.length,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Recalls

export interface RecallInput {
  scheme: string;
  codes?: string[] | undefined;
  code_prefix?: string | undefined;
  reason: string;
  legal_basis: string;
}

/** Order ids an event names: a recall of a product sold a million times names the rest by count. */
export const RECALL_EVENT_ORDERS = 1_000;
/** The shortest prefix a recall takes: shorter would name most codes of a scheme. */
export const MIN_RECALL_PREFIX = 6;
const PREFIX = /^[!"%-?A-Z_a-z]+$/;

export interface RecallView {
  recall_id: string;
  scheme: TraceScheme;
  codes: number;
  code_prefix: string | null;
  reason: string;
  legal_basis: string;
  recalled_at: string;
  recalled_by: string;
  codes_sold: number;
  orders: number;
  platforms: { platform: string; orders: number; codes: number; event_seq: number }[];
}

type RecallGateway = TraceGateway & Pick<Gateway, 'events' | 'audit' | 'accounts'>;

/**
 * Recalls products by their trace codes (POST /v1/regulator/recalls), in one transaction: finds the
 * orders that sold them (cancelled ones sold nothing), tells each platform concerned (product.recalled,
 * on its events feed and webhooks, with its orders' ids and counts), writes the audit entry; from then
 * on the public check of a recalled code says so.
 */
export function recallProducts(
  gw: RecallGateway,
  input: RecallInput,
  by: string,
  now = new Date(),
): RecallView {
  const { codes, code_prefix: prefix } = input;
  if ((codes === undefined) === (prefix === undefined))
    throw new DomainError('invalid_body', 'name the recalled codes in either codes or code_prefix, not both');
  if (!(TRACE_SCHEMES as readonly string[]).includes(input.scheme))
    throw new DomainError('invalid_trace_code', `scheme must be one of ${TRACE_SCHEMES.join(', ')}`);
  const scheme = input.scheme as TraceScheme;
  if (codes) for (const code of codes) checkedCode(scheme, code);
  if (prefix !== undefined && (prefix.length < MIN_RECALL_PREFIX || !PREFIX.test(prefix)))
    throw new DomainError(
      'invalid_trace_code',
      `code_prefix must be at least ${MIN_RECALL_PREFIX} characters of those codes hold`,
    );
  const key = schemeKey(scheme);
  const named = codes ? [...new Set(codes)] : [];
  return gw.db
    .transaction(() => {
      const { trace } = gw.transactions;
      // Read a sale at a time (a product recalled by prefix may have sold millions of boxes): what is
      // kept is each platform's orders and codes.
      const sold: Iterable<TraceSale & { code: string }> = prefix
        ? trace.underPrefix(key, prefix)
        : named.flatMap((code) =>
            trace.sales(key, code, Number.MAX_SAFE_INTEGER).map((s) => ({ ...s, code })),
          );
      const byPlatform = new Map<number, { orders: Set<string>; codes: Set<string> }>();
      const soldCodes = new Set<string>();
      for (const s of sold) {
        if (s.status === CANCELLED) continue;
        let p = byPlatform.get(s.platform_id);
        if (!p) byPlatform.set(s.platform_id, (p = { orders: new Set(), codes: new Set() }));
        p.orders.add(s.order_id);
        p.codes.add(s.code);
        soldCodes.add(s.code);
      }
      const id = newId();
      const at = now.toISOString();
      const ordersTotal = [...byPlatform.values()].reduce((n, p) => n + p.orders.size, 0);
      const codesSold = soldCodes.size;
      trace.addRecall(
        {
          id,
          scheme: key,
          code_prefix: prefix ?? null,
          reason: input.reason,
          legal_basis: input.legal_basis,
          recalled_at: at,
          recalled_by: by,
          codes: named.length,
          codes_sold: codesSold,
          orders: ordersTotal,
          platforms: byPlatform.size,
        },
        named,
      );
      const platforms: RecallView['platforms'] = [];
      for (const [platformId, p] of byPlatform) {
        const slug = gw.accounts.platformById(platformId)?.slug ?? String(platformId);
        const orders = [...p.orders];
        const seq = gw.events.append(
          {
            type: 'product.recalled',
            platform_id: platformId,
            data: {
              recall_id: id,
              scheme,
              code_prefix: prefix ?? null,
              reason: input.reason,
              legal_basis: input.legal_basis,
              recalled_at: at,
              orders: orders.slice(0, RECALL_EVENT_ORDERS),
              orders_total: orders.length,
              codes_total: p.codes.size,
            },
          },
          now,
        );
        platforms.push({ platform: slug, orders: orders.length, codes: p.codes.size, event_seq: seq });
      }
      gw.audit.append(
        {
          actor: by,
          action: 'recall.create',
          target_type: 'recall',
          target_id: id,
          reason: input.reason,
          detail: {
            scheme,
            codes: named.length,
            code_prefix: prefix ?? null,
            legal_basis: input.legal_basis,
            codes_sold: codesSold,
            orders: ordersTotal,
            platforms: platforms.map((p) => p.platform),
          },
        },
        now,
      );
      return {
        recall_id: id,
        scheme,
        codes: named.length,
        code_prefix: prefix ?? null,
        reason: input.reason,
        legal_basis: input.legal_basis,
        recalled_at: at,
        recalled_by: by,
        codes_sold: codesSold,
        orders: ordersTotal,
        platforms: platforms.sort((a, b) => a.platform.localeCompare(b.platform)),
      };
    })
    .immediate();
}
