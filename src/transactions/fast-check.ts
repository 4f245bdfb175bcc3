import { isDivisionCode } from '../lib/divisions.ts';
import { isCurrency } from '../lib/money.ts';
import { looksLikePersonalData } from '../lib/pseudonym.ts';
import { forbiddenCharacter, type TextKind } from '../lib/text.ts';
import { MAX_TRACE_CODE, traceCodeProblem } from '../trace/codes.ts';
import {
  ItemSchema,
  ORDER_ID,
  ORDER_STATUSES,
  rfc3339Instant,
  type TransactionInput,
  TransactionRecordSchema,
} from './record.ts';

/**
 * The schema's output for an order every field of which is sound, without interpreting the schema: the
 * same rules as TransactionRecordSchema (record.ts), written out as plain checks, for the common case of
 * a valid order (zod's interpreted parse cost about half of checking one). For anything else it answers
 * undefined, and the schema decides and reports, so every problem is still described by zod as before.
 *
 * It must never accept what the schema refuses, nor give another output: test/transactions/fast-check
 * runs both over generated, valid and mutated orders and compares them byte for byte.
 */

// Made on first use: record.ts imports this module before its schemas exist.
let FIELDS: Set<string>;
let ITEM_FIELDS: Set<string>;
let STATUSES: Set<string>;
const REGION = /^\d{6}$/;
const MAX_ITEMS = 500;

/** Failed: the schema is asked. */
class Unsound extends Error {}
const unsound = new Unsound();

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** z.string().trim(), no control character, 1 to `max` characters: the trimmed text. */
function text(v: unknown, max: number, kind: TextKind = 'name'): string {
  if (typeof v !== 'string') throw unsound;
  const t = v.trim();
  if (t.length < 1 || t.length > max || forbiddenCharacter(t, kind) !== null) throw unsound;
  return t;
}

/** A decimal string (its amount is checked after the schema, as for the schema's output). */
function decimal(v: unknown): string {
  if (typeof v !== 'string' || v.length > 24) throw unsound;
  return v;
}

function time(v: unknown): string {
  const instant = typeof v === 'string' && v.length <= 40 ? rfc3339Instant(v) : undefined;
  if (instant === undefined) throw unsound;
  return instant;
}

function id(v: unknown): string {
  if (typeof v !== 'string' || !ORDER_ID.test(v)) throw unsound;
  return v;
}

function item(v: unknown, seen: Set<string>): Record<string, unknown> {
  if (!isObject(v)) throw unsound;
  for (const key in v) if (!ITEM_FIELDS.has(key)) throw unsound;
  const out: Record<string, unknown> = { sku: text(v.sku, 64), name: text(v.name, 200) };
  if (v.category !== undefined) out.category = text(v.category, 100);
  const q = v.quantity;
  if (typeof q !== 'number' || !Number.isInteger(q) || q <= 0 || q > 1_000_000) throw unsound;
  out.quantity = q;
  out.unit_price = decimal(v.unit_price);
  if (v.trace_codes !== undefined) out.trace_codes = traceCodes(v.trace_codes, q, seen);
  return out;
}

/**
 * An item's trace codes (record.ts TraceCodeSchema and ItemSchema's rules): 1 to 10,000 and at most the
 * quantity, each `{scheme, code}` its scheme takes, none twice in the order (`seen`, across its items).
 */
function traceCodes(v: unknown, quantity: number, seen: Set<string>): { scheme: string; code: string }[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > 10_000 || v.length > quantity) throw unsound;
  return v.map((t: unknown) => {
    if (!isObject(t)) throw unsound;
    for (const key in t) if (key !== 'scheme' && key !== 'code') throw unsound;
    const { scheme, code } = t;
    if (typeof scheme !== 'string' || typeof code !== 'string' || scheme.length > 16) throw unsound;
    if (code.length > MAX_TRACE_CODE || traceCodeProblem(scheme, code) !== undefined) throw unsound;
    const key = `${scheme}\u0000${code}`;
    if (seen.has(key)) throw unsound;
    seen.add(key);
    return { scheme, code };
  });
}

export function fastTransaction(record: Record<string, unknown>): TransactionInput | undefined {
  FIELDS ??= new Set(Object.keys(TransactionRecordSchema.shape));
  ITEM_FIELDS ??= new Set(Object.keys(ItemSchema.shape));
  STATUSES ??= new Set<string>(ORDER_STATUSES);
  try {
    for (const key in record) if (!FIELDS.has(key)) throw unsound;
    const status = record.status;
    if (typeof status !== 'string' || !STATUSES.has(status)) throw unsound;
    const currency = record.currency;
    if (typeof currency !== 'string' || !isCurrency(currency)) throw unsound;
    const items = record.items;
    const seen = new Set<string>();
    if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) throw unsound;
    const out: Record<string, unknown> = {
      order_id: id(record.order_id),
      seller_id: id(record.seller_id),
      placed_at: time(record.placed_at),
      status,
      total: decimal(record.total),
      currency,
      items: items.map((i) => item(i, seen)),
    };
    const buyer = text(record.buyer_ref, 128);
    if (looksLikePersonalData(buyer)) throw unsound;
    out.buyer_ref = buyer;
    if (record.refunded_amount !== undefined) out.refunded_amount = decimal(record.refunded_amount);
    if (record.payment_method !== undefined) out.payment_method = text(record.payment_method, 40);
    if (record.ship_to_region !== undefined) {
      const region = record.ship_to_region;
      if (typeof region !== 'string' || !REGION.test(region) || !isDivisionCode(region)) throw unsound;
      out.ship_to_region = region;
    }
    if (record.updated_at !== undefined) out.updated_at = time(record.updated_at);
    if (record.completed_at !== undefined) out.completed_at = time(record.completed_at);
    if (record.correction_reason !== undefined)
      out.correction_reason = text(record.correction_reason, 500, 'free_text');
    return out as TransactionInput;
  } catch (err) {
    if (err === unsound) return undefined;
    throw err;
  }
}
