import { z } from '@hono/zod-openapi';
import {
  type FieldProblem,
  oneProblemPerField,
  problemsOf,
  withoutAbsent,
  withoutControlCharacters,
} from '../filings/problems.ts';
import { isCalendarDate } from '../lib/dates.ts';
import { isDivisionCode } from '../lib/divisions.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { looksLikePersonalData } from '../lib/pseudonym.ts';
import type { TextKind } from '../lib/text.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { fastTransaction } from './fast-check.ts';

export { looksLikePersonalData };

/**
 * One order as a platform files it. This schema validates transaction filings and documents them;
 * checks that need the currency (money) or the clock run in `validateTransactionRecord`.
 */
export const ORDER_STATUSES = [
  'created',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export const ORDER_ID = SELLER_ID;
export const MAX_ITEMS = 500;

const coded = (code: string, message: string) => ({ message, params: { code } });
const decimal = z
  .string()
  .max(24)
  .openapi({ description: 'Decimal string in the currency, e.g. "129.90".', example: '129.90' });
const RFC3339 = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)(\.\d{1,9})?(Z|[+-](\d\d):(\d\d))$/i;

/** An RFC 3339 time with a zone whose every part exists (Date.parse would roll 02-30 over to March). */
export function isRfc3339(text: string): boolean {
  const m = RFC3339.exec(text);
  if (!m || !isCalendarDate(m[1]!)) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[6]!.toUpperCase() !== 'Z' && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  // The instant must itself be written in four-digit years: 0000-01-01T00:00:00+00:01 is in the year -1,
  // and would be stored as "-000001-12-31T23:59:00.000Z", no RFC 3339 time and out of order with others.
  const year = new Date(text).getUTCFullYear();
  return year >= 0 && year <= 9999;
}

const rfc3339 = z
  .string()
  .max(40)
  .refine(
    isRfc3339,
    coded('invalid_time', 'must be an RFC 3339 time with a zone, e.g. 2026-11-24T10:15:00+08:00'),
  )
  .transform((v) => new Date(v).toISOString())
  .openapi({ format: 'date-time', example: '2026-11-24T10:15:00+08:00' });

/** A name (no control character at all) or free text (tab, line feed and carriage return allowed). */
const text = (max: number, kind: TextKind = 'name') =>
  z.string().trim().superRefine(withoutControlCharacters(kind)).min(1).max(max);

export const ItemSchema = z
  .strictObject({
    sku: text(64),
    name: text(200),
    category: text(100).optional(),
    quantity: z.number().int().positive().max(1_000_000),
    unit_price: decimal,
  })
  .openapi('OrderItem');

export const TransactionRecordSchema = z
  .strictObject({
    order_id: z
      .string()
      .regex(ORDER_ID, coded('invalid_format', 'must be 1-64 of A-Z a-z 0-9 . _ : -'))
      .openapi({ example: 'O-20261124-0001' }),
    seller_id: z
      .string()
      .regex(SELLER_ID, coded('invalid_format', 'must be 1-64 of A-Z a-z 0-9 . _ : -'))
      .openapi({ description: 'A seller this platform has filed.', example: 'S-1001' }),
    placed_at: rfc3339.openapi({ description: 'When the order was placed; not in the future.' }),
    status: z.enum(ORDER_STATUSES),
    total: decimal,
    currency: z
      .string()
      .refine(isCurrency, coded('invalid_currency', 'must be an ISO 4217 currency code'))
      .openapi({ example: 'CNY' }),
    items: z
      .array(ItemSchema)
      .min(1, 'must hold at least one item')
      .max(MAX_ITEMS, `must hold at most ${MAX_ITEMS} items`),
    buyer_ref: text(128)
      .refine(
        // Past 128 characters the value is refused as too_long already.
        (v) => v.length > 128 || !looksLikePersonalData(v),
        coded(
          'personal_data_in_pseudonym',
          'looks like a phone number, ID number or e-mail address; send an opaque pseudonym',
        ),
      )
      .openapi({
        description: "The platform's opaque pseudonym of the buyer. Never a phone, ID number or e-mail.",
        example: 'b7f3c2a9',
      }),
    refunded_amount: decimal.optional().openapi({
      description: 'Amount refunded; required for partially_refunded, defaults to the total for refunded.',
    }),
    payment_method: text(40).optional(),
    ship_to_region: z
      .string()
      .regex(/^\d{6}$/, coded('invalid_format', 'must be a 6-digit administrative division code'))
      .refine(
        isDivisionCode,
        coded('invalid_region', 'is not in a province of China (GB/T 2260 division code)'),
      )
      .optional()
      .openapi({
        description:
          'GB/T 2260 division code of the delivery address; its first two digits must be a province.',
        example: '330106',
      }),
    updated_at: rfc3339.optional(),
    completed_at: rfc3339.optional(),
    correction_reason: text(500, 'free_text').optional().openapi({
      description:
        'Required to change seller_id or placed_at of an order already filed; kept in its history.',
    }),
  })
  .openapi('TransactionRecord');

export type TransactionInput = z.output<typeof TransactionRecordSchema>;
export const TRANSACTION_FIELDS = Object.keys(TransactionRecordSchema.shape);

/** A validated order, with money in minor units. */
export interface TransactionRecord extends TransactionInput {
  totalMinor: number;
  refundedMinor: number;
  /** The items' sum; beyond 2^53 it is rounded (the comparison with the total is exact). */
  itemsMinor: number;
}

const ITEM_COUNT_CODES = { 'items:too_small': 'invalid_items', 'items:too_big': 'invalid_items' };
const ITEM_FIELDS = Object.keys(ItemSchema.shape);

export type TransactionValidation =
  { ok: true; record: TransactionRecord; warnings: FieldProblem[] } | { ok: false; problems: FieldProblem[] };

/**
 * What the checks beyond the schema read: each value only when its own field passed the schema (as the
 * schema outputs it), else undefined, so that a field already refused is not refused again by a check
 * that depends on it (a refund against a total that could not be read, amounts in an unknown currency).
 */
interface SoundFields {
  status?: string;
  currency?: string;
  total?: string;
  /** The items' prices (undefined where refused) and quantities (0 where refused: the sum then goes unused). */
  items: { unit_price?: string; quantity: number }[];
  refunded_amount?: string;
  placed_at?: string;
  completed_at?: string;
}

function soundFields(record: Record<string, unknown>, refused: Set<string>): SoundFields {
  const take = (field: string) => {
    const value = record[field];
    return typeof value === 'string' && !refused.has(field) ? value : undefined;
  };
  const time = (field: string) => {
    const value = take(field);
    return value === undefined ? undefined : new Date(value).toISOString();
  };
  const items =
    Array.isArray(record.items) && !refused.has('items')
      ? record.items.map((item: unknown, i) => {
          const price = (item as Record<string, unknown> | null)?.unit_price;
          const sound = typeof price === 'string' && !refused.has(`items.${i}`);
          return {
            unit_price: sound && !refused.has(`items.${i}.unit_price`) ? price : undefined,
            quantity: 0,
          };
        })
      : [];
  return {
    status: take('status'),
    currency: take('currency'),
    total: take('total'),
    items,
    refunded_amount: take('refunded_amount'),
    placed_at: time('placed_at'),
    completed_at: time('completed_at'),
  };
}

/** Money in the order's currency, refunds against the total, and times against the clock and each other. */
function amountsAndTimes(f: SoundFields, now: Date) {
  const problems: FieldProblem[] = [];
  const money = (field: string, text: string | undefined): number | undefined => {
    // Without a currency the number of minor digits is unknown: the currency's own error says enough.
    if (text === undefined || f.currency === undefined) return undefined;
    const m = parseMoney(text, f.currency);
    if (!m.ok) problems.push({ field, code: 'invalid_amount', message: `${field} ${m.reason}` });
    return m.ok ? m.minor : undefined;
  };
  const totalMinor = money('total', f.total);
  // BigInt: 500 items of up to 10^15 minor units each pass what a double holds exactly.
  let itemsSum = 0n;
  f.items.forEach((item, i) => {
    itemsSum += BigInt(money(`items.${i}.unit_price`, item.unit_price) ?? 0) * BigInt(item.quantity);
  });
  let refundedMinor: number | undefined = 0;
  if (f.refunded_amount !== undefined) refundedMinor = money('refunded_amount', f.refunded_amount);
  else if (f.status === 'refunded') refundedMinor = totalMinor;
  else if (f.status === 'partially_refunded') {
    problems.push({
      field: 'refunded_amount',
      code: 'missing_field',
      message: 'refunded_amount is required for partially_refunded',
    });
  }
  if (refundedMinor !== undefined && totalMinor !== undefined && refundedMinor > totalMinor) {
    problems.push({
      field: 'refunded_amount',
      code: 'invalid_amount',
      message: 'refunded_amount is more than the total',
    });
  }
  // Five minutes of clock skew between a platform and the gateway is tolerated.
  if (f.placed_at !== undefined && Date.parse(f.placed_at) > now.getTime() + 5 * 60_000) {
    problems.push({ field: 'placed_at', code: 'invalid_time', message: 'placed_at is in the future' });
  }
  if (f.completed_at !== undefined && f.placed_at !== undefined && f.completed_at < f.placed_at) {
    problems.push({
      field: 'completed_at',
      code: 'invalid_time',
      message: 'completed_at is before placed_at',
    });
  }
  return { problems, totalMinor, refundedMinor, itemsSum };
}

/**
 * Validates one order. Every field's problem is reported (one per field, in field order), not only the
 * first: the schema's, then those of the checks that need the currency or the clock, each run on the
 * fields that passed the schema. Problems never repeat a value (it may be personal data).
 */
export function validateTransactionRecord(
  raw: Record<string, unknown>,
  now: Date = new Date(),
): TransactionValidation {
  const record = withoutAbsent(raw);
  // A sound order is read by plain checks; any other goes to the schema, which describes its problems.
  const fast = fastTransaction(record);
  const parsed = fast ? ({ success: true, data: fast } as const) : TransactionRecordSchema.safeParse(record);
  const own = parsed.success
    ? []
    : problemsOf(parsed.error.issues, record, 'an order record', ITEM_COUNT_CODES);
  const fields: SoundFields = parsed.success
    ? parsed.data
    : soundFields(record, new Set(own.map((p) => p.field)));
  const checked = amountsAndTimes(fields, now);
  const problems = oneProblemPerField([...own, ...checked.problems], TRANSACTION_FIELDS, {
    items: ITEM_FIELDS,
  });
  if (!parsed.success || problems.length) return { ok: false, problems };
  const totalMinor = checked.totalMinor!;
  const warnings: FieldProblem[] =
    checked.itemsSum === BigInt(totalMinor)
      ? []
      : [
          {
            field: 'total',
            code: 'total_mismatch',
            message: 'the items do not add up to the total; filed as given',
          },
        ];
  return {
    ok: true,
    record: {
      ...parsed.data,
      totalMinor,
      refundedMinor: checked.refundedMinor!,
      itemsMinor: Number(checked.itemsSum),
    },
    warnings,
  };
}
