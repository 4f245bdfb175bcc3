import { z } from '@hono/zod-openapi';
import { type FieldProblem, problemsOf, withoutAbsent } from '../filings/problems.ts';
import { isCalendarDate } from '../lib/dates.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { SELLER_ID } from '../sellers/record.ts';

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
  return m[6]!.toUpperCase() === 'Z' || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
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

// A pseudonym must not carry a buyer's identity: these shapes are refused (personal_data_in_pseudonym).
// Each shape must stand alone, not inside a longer run of digits (an opaque id may hold many digits).
const LOOKS_PERSONAL = [
  /(^|\D)(86)?1[3-9]\d{9}(\D|$)/, // mainland mobile number
  /(^|\D)\d{17}[\dX](\D|$)/i, // resident ID number
  /[^\s@]+@[^\s@]+\.[^\s@]+/, // e-mail address
];

export function looksLikePersonalData(value: string): boolean {
  const compact = value.replace(/[\s()-]/g, '');
  return LOOKS_PERSONAL.some((p) => p.test(compact));
}

export const ItemSchema = z
  .strictObject({
    sku: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().min(1).max(100).optional(),
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
    buyer_ref: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .refine(
        (v) => !looksLikePersonalData(v),
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
    payment_method: z.string().trim().min(1).max(40).optional(),
    ship_to_region: z
      .string()
      .regex(/^\d{6}$/, coded('invalid_format', 'must be a 6-digit administrative division code'))
      .optional(),
    updated_at: rfc3339.optional(),
    completed_at: rfc3339.optional(),
    correction_reason: z.string().trim().min(1).max(500).optional().openapi({
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

export type TransactionValidation =
  { ok: true; record: TransactionRecord; warnings: FieldProblem[] } | { ok: false; problems: FieldProblem[] };

export function validateTransactionRecord(
  raw: Record<string, unknown>,
  now: Date = new Date(),
): TransactionValidation {
  const record = withoutAbsent(raw);
  const parsed = TransactionRecordSchema.safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      problems: problemsOf(parsed.error.issues, record, 'an order record', ITEM_COUNT_CODES),
    };
  }
  const r = parsed.data;
  const problems: FieldProblem[] = [];
  const money = (field: string, text: string) => {
    const m = parseMoney(text, r.currency);
    if (!m.ok) problems.push({ field, code: 'invalid_amount', message: `${field} ${m.reason}` });
    return m.ok ? m.minor : 0;
  };
  const totalMinor = money('total', r.total);
  // BigInt: 500 items of up to 10^15 minor units each pass what a double holds exactly.
  let itemsSum = 0n;
  r.items.forEach((item, i) => {
    itemsSum += BigInt(money(`items.${i}.unit_price`, item.unit_price)) * BigInt(item.quantity);
  });
  let refundedMinor = 0;
  if (r.refunded_amount !== undefined) refundedMinor = money('refunded_amount', r.refunded_amount);
  else if (r.status === 'refunded') refundedMinor = totalMinor;
  else if (r.status === 'partially_refunded') {
    problems.push({
      field: 'refunded_amount',
      code: 'missing_field',
      message: 'refunded_amount is required for partially_refunded',
    });
  }
  if (refundedMinor > totalMinor) {
    problems.push({
      field: 'refunded_amount',
      code: 'invalid_amount',
      message: 'refunded_amount is more than the total',
    });
  }
  // Five minutes of clock skew between a platform and the gateway is tolerated.
  if (Date.parse(r.placed_at) > now.getTime() + 5 * 60_000) {
    problems.push({ field: 'placed_at', code: 'invalid_time', message: 'placed_at is in the future' });
  }
  if (r.completed_at && r.completed_at < r.placed_at) {
    problems.push({
      field: 'completed_at',
      code: 'invalid_time',
      message: 'completed_at is before placed_at',
    });
  }
  if (problems.length) return { ok: false, problems };
  const warnings: FieldProblem[] =
    itemsSum === BigInt(totalMinor)
      ? []
      : [
          {
            field: 'total',
            code: 'total_mismatch',
            message: 'the items do not add up to the total; filed as given',
          },
        ];
  return { ok: true, record: { ...r, totalMinor, refundedMinor, itemsMinor: Number(itemsSum) }, warnings };
}
