import { hash } from 'node:crypto';
import type { Checked, Checker } from '../filings/intake.ts';
import type { RecordError } from '../filings/receipt.ts';
import type { RecordPosition } from '../filings/sources.ts';
import type { StreamedIntake } from '../filings/intake.ts';
import { chinaDateOf, chinaMonthOf } from '../lib/dates.ts';
import { type OrderColumns, type OrderRecord, type PackParts, pack, statusCode } from './pack.ts';
import { ORDER_ID, TRANSACTION_FIELDS } from './record.ts';
import { validateTransactionRecord } from './validate.ts';
import type { StatsDelta } from './stats.ts';
import type { RecentVersion, TransactionsSql } from './store.ts';
import type { TraceScheme } from '../trace/codes.ts';
import { schemeKey, type VersionCode } from '../trace/store.ts';

export const TRANSACTION_SOURCE = {
  fields: TRANSACTION_FIELDS,
  requiredColumns: [
    'order_id',
    'seller_id',
    'placed_at',
    'status',
    'total',
    'currency',
    'items',
    'buyer_ref',
  ],
  maxRecordBytes: 256 * 1024,
};
// An order is finished when it is completed, cancelled or fully refunded: the three-year retention
// (E-Commerce Law art. 31) runs from then.
const FINISHED = new Set(['completed', 'cancelled', 'refunded']);

/**
 * The latest version of each of these orders that is not in SQLite any more (loaded into ClickHouse):
 * what a filing compares an order with besides the SQLite outbox (docs/decisions/0021).
 */
export type LoadedVersions = (platformId: number, orderIds: string[]) => Promise<Map<string, RecentVersion>>;

/** One order version's share of its seller's monthly statistics. */
type Contribution = Omit<StatsDelta, 'platform_id'>;

const CANCELLED = statusCode('cancelled');
const DAY_MS = 86_400_000;

/** What one version of an order adds to its seller's monthly statistics. */
function contribution(v: Omit<OrderColumns, 'order_id' | 'completed_at'>): Contribution {
  const counted = v.status !== CANCELLED;
  return {
    seller_id: v.seller_id,
    month: chinaMonthOf(v.placed_at),
    currency: v.currency,
    orders: counted ? 1 : 0,
    gross_minor: counted ? v.total_minor : 0,
    refunds_minor: counted ? v.refunded_minor : 0,
    refunded_orders: counted && v.refunded_minor > 0 ? 1 : 0,
  };
}

/** The trace codes an order's items name (issue 23), or undefined: most orders name none. */
function codesOf(items: OrderRecord['items']): VersionCode[] | undefined {
  let codes: VersionCode[] | undefined;
  for (const item of items) {
    for (const t of item.trace_codes ?? [])
      (codes ??= []).push([schemeKey(t.scheme as TraceScheme), t.code, item.category ?? '']);
  }
  return codes;
}

/** What the check worker hands over: a version of the order but for its filing. */
interface CheckedOrder {
  columns: OrderColumns;
  codes: VersionCode[] | undefined;
  /** The first 16 bytes of the digest, one character a byte (latin1). */
  digest: string;
  parts: PackParts;
  correction_reason: string | null;
}

/** An admitted order, waiting to be staged. */
interface Waiting {
  /** Filed for the first time (it has no earlier version). */
  first: boolean;
  columns: OrderColumns;
  codes: VersionCode[] | undefined;
  /** With orders in ClickHouse, the version it replaces (for the risk fold: migration 034). */
  replaces: RecentVersion | undefined;
  digest: Buffer;
  parts: PackParts;
  correction_reason: string | null;
}

type Problem = { field?: string | null; code: string; message: string };

const errorOf = (position: RecordPosition, orderId: string | null, p: Problem): RecordError => ({
  ...position,
  order_id: orderId,
  field: p.field ?? null,
  code: p.code,
  message: p.message,
});

/** The database-free half: validation, money, the digest and the derived columns (runs on a check worker). */
export function transactionChecker(): Checker {
  return (raw, now) => {
    const position = raw.position;
    if ('problem' in raw)
      return { position, ok: false, errors: [errorOf(position, null, { field: null, ...raw.problem })] };
    const rawId = raw.value.order_id;
    const orderId = typeof rawId === 'string' && ORDER_ID.test(rawId) ? rawId : null;
    const result = validateTransactionRecord(raw.value, now);
    if (!result.ok)
      return { position, ok: false, errors: result.problems.map((p) => errorOf(position, orderId, p)) };
    const {
      correction_reason: correction,
      totalMinor,
      refundedMinor,
      itemsMinor: _items,
      ...wire
    } = result.record;
    // zod builds its output in the schema's field order, so this JSON is stable and can be the digest's input.
    const record = JSON.stringify(wire);
    const completedAt =
      wire.completed_at ?? (FINISHED.has(wire.status) ? (wire.updated_at ?? wire.placed_at) : null);
    const columns: OrderColumns = {
      order_id: wire.order_id,
      seller_id: wire.seller_id,
      placed_at: Date.parse(wire.placed_at),
      status: statusCode(wire.status),
      currency: wire.currency,
      total_minor: totalMinor,
      refunded_minor: refundedMinor,
      completed_at: completedAt === null ? null : Date.parse(completedAt),
    };
    const order: CheckedOrder = {
      columns,
      codes: codesOf(wire.items),
      // The correction reason is not part of what the order is: re-sending it changes nothing. The
      // digest goes to the writer as a string (no buffer to allocate and pass per order).
      digest: hash('sha256', record, 'binary').slice(0, 16),
      parts: pack(wire, columns),
      correction_reason: correction ?? null,
    };
    return {
      position,
      ok: true,
      value: order,
      warnings: result.warnings.map((w) => errorOf(position, orderId, w)),
    };
  };
}

/**
 * The transaction filing: each checked order is compared with the platform's filed sellers and its own
 * history; a new or changed order becomes a staged version, and its effect on the seller's monthly
 * statistics is summed in memory (one entry per seller, month and currency) and applied on publishing.
 */
export function transactionIntake(
  store: TransactionsSql,
  platformId: number,
  sellerExists: (sellerId: string) => boolean,
  loaded?: LoadedVersions,
): StreamedIntake {
  // The latest loaded version of the orders of batches still to be admitted (ClickHouse only).
  const prior = new Map<string, RecentVersion>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  // Orders filed for the first time, and those of them by the end of the day after their placing.
  let firstFiled = 0;
  let onTime = 0;
  let waiting: Waiting[] = [];
  const waitingIds = new Map<string, RecordPosition>();
  const knownSellers = new Map<string, boolean>();
  const deltas = new Map<string, StatsDelta>();

  const addDelta = (c: Contribution, sign: 1 | -1) => {
    const key = `${c.seller_id}\u0000${c.month}\u0000${c.currency}`;
    let d = deltas.get(key);
    if (!d) {
      d = {
        platform_id: platformId,
        seller_id: c.seller_id,
        month: c.month,
        currency: c.currency,
        orders: 0,
        gross_minor: 0,
        refunds_minor: 0,
        refunded_orders: 0,
      };
      deltas.set(key, d);
    }
    d.orders += sign * c.orders;
    d.gross_minor += sign * c.gross_minor;
    d.refunds_minor += sign * c.refunds_minor;
    d.refunded_orders += sign * c.refunded_orders;
  };

  const sellerKnown = (sellerId: string) => {
    let known = knownSellers.get(sellerId);
    if (known === undefined) {
      known = sellerExists(sellerId);
      knownSellers.set(sellerId, known);
    }
    return known;
  };

  // The filing's key, once it has staged a version (versions of this filing carry it).
  let filingKey: number | undefined;

  function refusal(
    o: OrderColumns,
    digest: Buffer,
    correction: string | null,
  ): { problem: Problem } | { previous: RecentVersion | undefined } {
    if (!sellerKnown(o.seller_id)) {
      return {
        problem: {
          field: 'seller_id',
          code: 'unknown_seller',
          message: 'seller_id is not a seller this platform has filed',
        },
      };
    }
    const earlier = waitingIds.get(o.order_id);
    const versions = store.latest(platformId, o.order_id);
    const elsewhere = prior.get(o.order_id);
    if (elsewhere) {
      prior.delete(o.order_id);
      // Loaded and not yet removed from SQLite, it is in both: the same seq (ClickHouse's, which says so).
      const both = versions.findIndex((v) => v.seq === elsewhere.seq);
      if (both >= 0) versions[both] = elsewhere;
      else {
        versions.push(elsewhere);
        versions.sort((a, b) => b.seq - a.seq);
      }
    }
    if (earlier || versions.some((v) => v.filing === filingKey)) {
      const where = earlier
        ? 'index' in earlier
          ? `index ${earlier.index}`
          : `line ${earlier.line}`
        : 'an earlier record';
      return {
        problem: {
          field: 'order_id',
          code: 'duplicate_in_filing',
          message: `order_id already appears at ${where} of this filing`,
        },
      };
    }
    const previous = versions.find((v) => v.visible);
    if (previous && !correction && !previous.digest.equals(digest)) {
      for (const field of ['seller_id', 'placed_at'] as const) {
        if (previous[field] !== o[field]) {
          return {
            problem: {
              field,
              code: 'immutable_field_changed',
              message: `${field} differs from the order as filed; send a correction_reason to change it`,
            },
          };
        }
      }
    }
    return { previous };
  }

  /**
   * The version's trace codes, staged beside it (src/trace/store.ts): a version replacing an order that
   * has codes notes it, so that publishing removes the earlier ones (also when this one names none).
   */
  const stageCodes = (seq: number, first: boolean, o: OrderColumns, codes: VersionCode[] | undefined) => {
    const { trace } = store;
    if (!first && trace.hasRows(platformId, o.order_id))
      trace.addReplaced(filingKey!, platformId, o.order_id, seq);
    if (!codes) return;
    const version = {
      platform_id: platformId,
      order_id: o.order_id,
      seq,
      filing: filingKey!,
      seller_id: o.seller_id,
      placed_at: o.placed_at,
      status: o.status,
    };
    trace.stage(version, codes);
  };

  /**
   * With orders in ClickHouse: the version a staged one replaces, kept beside it for the risk fold, which
   * may run after the loader removed that version's SQLite copy (migration 034). As ClickHouse gave it, or
   * read from SQLite while it is still there.
   */
  const keepReplaced = (seq: number, orderId: string, r: RecentVersion) => {
    const rest = r.loaded ?? store.versionRest(r.seq);
    if (!rest) return; // removed meanwhile: it was loaded, and admission read it from ClickHouse
    store.addFoldPrevious({
      seq,
      filing: filingKey!,
      prev_seq: r.seq,
      platform_id: platformId,
      order_id: orderId,
      seller_id: r.seller_id,
      placed_at: r.placed_at,
      status: r.status,
      currency: r.currency,
      total_minor: r.total_minor,
      refunded_minor: r.refunded_minor,
      completed_at: rest.completed_at,
      pack: rest.pack,
    });
  };

  return {
    source: TRANSACTION_SOURCE,
    prepare: loaded
      ? async (batch) => {
          const ids: string[] = [];
          for (const c of batch) if (c.ok) ids.push((c.value as CheckedOrder).columns.order_id);
          if (ids.length === 0) return;
          for (const [id, v] of await loaded(platformId, ids)) prior.set(id, v);
        }
      : undefined,
    admit(checked: Checked<unknown>) {
      if (!checked.ok) return { errors: checked.errors, warnings: [] };
      const { columns, codes, parts, correction_reason } = checked.value as CheckedOrder;
      const digest = Buffer.from((checked.value as CheckedOrder).digest, 'latin1');
      const outcome = refusal(columns, digest, correction_reason);
      if ('problem' in outcome)
        return { errors: [errorOf(checked.position, columns.order_id, outcome.problem)], warnings: [] };
      const { previous } = outcome;
      if (previous?.digest.equals(digest)) {
        unchanged++;
        return { errors: [], warnings: [] };
      }
      if (previous) addDelta(contribution(previous), -1);
      addDelta(contribution(columns), 1);
      if (previous) updated++;
      else created++;
      const replaces = loaded ? previous : undefined;
      waiting.push({ first: !previous, columns, codes, replaces, digest, parts, correction_reason });
      waitingIds.set(columns.order_id, checked.position);
      return { errors: [], warnings: [] };
    },
    pending: () => waiting.length,
    stage(filingId, at) {
      if (waiting.length === 0) return;
      const filedOn = chinaDateOf(Date.parse(at));
      store.settleProducts();
      filingKey ??= store.filingKey(filingId);
      let seq = store.nextSeq();
      for (const { first, columns, codes, replaces, digest, parts, correction_reason } of waiting) {
        if (first) {
          firstFiled++;
          if (filedOn <= chinaDateOf(columns.placed_at + DAY_MS)) onTime++;
        }
        const pack = store.keyedPack(platformId, parts);
        stageCodes(seq, first, columns, codes);
        if (replaces) keepReplaced(seq, columns.order_id, replaces);
        store.insertVersion({
          seq: seq++,
          ...columns,
          platform_id: platformId,
          filing: filingKey,
          digest,
          pack,
          correction_reason,
        });
      }
      waiting = [];
      waitingIds.clear();
    },
    publish(filingId) {
      // With orders in ClickHouse (`loaded` given), the statistics go there with the filing's versions.
      const outbox = loaded ? filingKey : undefined;
      for (const d of deltas.values()) {
        if (d.orders || d.gross_minor || d.refunds_minor || d.refunded_orders) store.addStats(d, outbox);
      }
      store.addFilingCounts(filingId, firstFiled, onTime);
      if (filingKey !== undefined) store.trace.publish(filingKey);
    },
    counts: () => ({ created, updated, unchanged }),
  };
}
