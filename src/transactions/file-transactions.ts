import { createHash } from 'node:crypto';
import type { RecordError } from '../filings/receipt.ts';
import type { RawRecord, RecordPosition } from '../filings/sources.ts';
import type { StreamedIntake } from '../filings/streamed.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { chinaMonth } from '../lib/dates.ts';
import { ORDER_ID, TRANSACTION_FIELDS, type TransactionRecord, validateTransactionRecord } from './record.ts';
import type { StatsDelta, TransactionsStore, VersionRow } from './store.ts';

const MAX_RECORD_BYTES = 256 * 1024;
const REQUIRED_COLUMNS = [
  'order_id',
  'seller_id',
  'placed_at',
  'status',
  'total',
  'currency',
  'items',
  'buyer_ref',
];
// An order is finished when it is completed, cancelled or fully refunded: the three-year retention
// (E-Commerce Law art. 31) runs from then.
const FINISHED = new Set(['completed', 'cancelled', 'refunded']);

interface Contribution {
  seller_id: string;
  month: string;
  currency: string;
  orders: number;
  gross_minor: number;
  refunds_minor: number;
  refunded_orders: number;
}

/** What one version of an order adds to its seller's monthly statistics. */
function contribution(v: {
  seller_id: string;
  month: string;
  currency: string;
  status: string;
  total_minor: number;
  refunded_minor: number;
}): Contribution {
  const counted = v.status !== 'cancelled';
  return {
    seller_id: v.seller_id,
    month: v.month,
    currency: v.currency,
    orders: counted ? 1 : 0,
    gross_minor: counted ? v.total_minor : 0,
    refunds_minor: counted ? v.refunded_minor : 0,
    refunded_orders: counted && v.refunded_minor > 0 ? 1 : 0,
  };
}

type Staged = Omit<VersionRow, 'seq'> & { platform_id: number; order_id: string };

/**
 * The transaction filing: each order is checked against the platform's filed sellers and its own
 * history; a new or changed order becomes a staged version, and its effect on the seller's monthly
 * statistics is summed in memory (one entry per seller, month and currency) and applied on publishing.
 */
export function transactionIntake(
  store: TransactionsStore,
  platformId: number,
  sellerExists: (sellerId: string) => boolean,
  now: () => Date = () => new Date(),
): StreamedIntake {
  let received = 0;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let waiting: Staged[] = [];
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

  type Problem = { field?: string | null; code: string; message: string };
  type Checked =
    | { problems: Problem[] }
    | { record: TransactionRecord; previous: VersionRow | undefined; warnings: Problem[] };

  function check(raw: RawRecord, filingId: string): Checked {
    if ('problem' in raw) return { problems: [{ field: null, ...raw.problem }] };
    const result = validateTransactionRecord(raw.value, now());
    if (!result.ok) return { problems: result.problems };
    const r = result.record;
    if (!sellerKnown(r.seller_id)) {
      return {
        problems: [
          {
            field: 'seller_id',
            code: 'unknown_seller',
            message: 'seller_id is not a seller this platform has filed',
          },
        ],
      };
    }
    const earlier = waitingIds.get(r.order_id);
    const versions = store.latest(platformId, r.order_id);
    if (earlier || versions.some((v) => v.filing_id === filingId)) {
      const where = earlier
        ? 'index' in earlier
          ? `index ${earlier.index}`
          : `line ${earlier.line}`
        : 'an earlier record';
      return {
        problems: [
          {
            field: 'order_id',
            code: 'duplicate_in_filing',
            message: `order_id already appears at ${where} of this filing`,
          },
        ],
      };
    }
    const previous = versions.find((v) => v.visible);
    return { record: r, previous, warnings: result.warnings };
  }

  function stageVersion(
    r: TransactionRecord,
    previous: VersionRow | undefined,
    filingId: string,
    position: RecordPosition,
  ) {
    const { correction_reason: correction, totalMinor, refundedMinor, itemsMinor: _items, ...wire } = r;
    const digest = createHash('sha256').update(canonicalJson(wire)).digest();
    if (previous?.digest.equals(digest)) {
      unchanged++;
      return null;
    }
    if (previous && !correction) {
      for (const field of ['seller_id', 'placed_at'] as const) {
        if (previous[field] !== r[field]) {
          return {
            field,
            code: 'immutable_field_changed',
            message: `${field} differs from the order as filed; send a correction_reason to change it`,
          };
        }
      }
    }
    const completedAt = r.completed_at ?? (FINISHED.has(r.status) ? (r.updated_at ?? r.placed_at) : null);
    const version: Staged = {
      platform_id: platformId,
      order_id: r.order_id,
      filing_id: filingId,
      seller_id: r.seller_id,
      placed_at: r.placed_at,
      status: r.status,
      currency: r.currency,
      total_minor: totalMinor,
      refunded_minor: refundedMinor,
      completed_at: completedAt,
      month: chinaMonth(r.placed_at),
      digest,
      record: JSON.stringify(wire),
      correction_reason: correction ?? null,
      filed_at: '',
    };
    if (previous) addDelta(contribution(previous), -1);
    addDelta(contribution(version), 1);
    if (previous) updated++;
    else created++;
    waiting.push(version);
    waitingIds.set(r.order_id, position);
    return null;
  }

  const error = (position: RecordPosition, orderId: string | null, p: Problem): RecordError => ({
    ...position,
    order_id: orderId,
    field: p.field ?? null,
    code: p.code,
    message: p.message,
  });

  return {
    source: {
      fields: TRANSACTION_FIELDS,
      requiredColumns: REQUIRED_COLUMNS,
      maxRecordBytes: MAX_RECORD_BYTES,
    },
    accept(raw, filingId) {
      received++;
      const rawId = 'value' in raw ? raw.value.order_id : undefined;
      const orderId = typeof rawId === 'string' && ORDER_ID.test(rawId) ? rawId : null;
      const checked = check(raw, filingId);
      if ('problems' in checked)
        return { errors: checked.problems.map((p) => error(raw.position, orderId, p)), warnings: [] };
      const refused = stageVersion(checked.record, checked.previous, filingId, raw.position);
      if (refused) return { errors: [error(raw.position, orderId, refused)], warnings: [] };
      return { errors: [], warnings: checked.warnings.map((w) => error(raw.position, orderId, w)) };
    },
    pending: () => waiting.length,
    stage(_filingId, at) {
      for (const v of waiting) store.insertVersion({ ...v, filed_at: at });
      waiting = [];
      waitingIds.clear();
    },
    publish() {
      for (const d of deltas.values()) {
        if (d.orders || d.gross_minor || d.refunds_minor || d.refunded_orders) store.addStats(d);
      }
    },
    counts: () => ({ received, created, updated, unchanged }),
  };
}
