import { isDayOf } from '../lib/dates.ts';
import { MAX_TRACE_CODE, TRACE_SCHEMES, traceCodeProblem } from '../trace/codes.ts';
import { z } from '@hono/zod-openapi';
import { withoutControlCharacters } from '../filings/problems.ts';
import { isDivisionCode } from '../lib/divisions.ts';
import { isCurrency } from '../lib/money.ts';
import { looksLikePersonalData } from '../lib/pseudonym.ts';
import type { TextKind } from '../lib/text.ts';
import { SELLER_ID } from '../sellers/record.ts';

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
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d{1,9})?(Z|[+-](\d\d):(\d\d))$/i;

/**
 * An RFC 3339 time with a zone whose every part exists (Date.parse would roll 02-30 over to March), as
 * the instant in UTC with milliseconds (`toISOString`); undefined when it is not one.
 */
export function rfc3339Instant(text: string): string | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isDayOf(year, month, day)) return undefined;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  if (m[8] !== 'Z' && m[8] !== 'z' && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  // The instant from its parts (parsing the text again costs more): fractions of a millisecond are
  // dropped, as Date.parse drops them; setUTCFullYear, unlike Date.UTC, keeps the years 0-99.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(1, 4).padEnd(3, '0'));
  instant.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const offsetMs = (Number(m[9]) * 60 + Number(m[10])) * 60_000;
    instant.setTime(instant.getTime() + (m[8]![0] === '+' ? -offsetMs : offsetMs));
  }
  // The instant must itself be written in four-digit years: 0000-01-01T00:00:00+00:01 is in the year -1,
  // and would be stored as "-000001-12-31T23:59:00.000Z", no RFC 3339 time and out of order with others.
  const utcYear = instant.getUTCFullYear();
  return utcYear >= 0 && utcYear <= 9999 ? instant.toISOString() : undefined;
}

/** An RFC 3339 time with a zone whose every part exists (see rfc3339Instant). */
export const isRfc3339 = (text: string): boolean => rfc3339Instant(text) !== undefined;

const rfc3339 = z
  .string()
  .max(40)
  .refine(
    isRfc3339,
    coded('invalid_time', 'must be an RFC 3339 time with a zone, e.g. 2026-11-24T10:15:00+08:00'),
  )
  .transform((v) => rfc3339Instant(v)!)
  .openapi({ format: 'date-time', example: '2026-11-24T10:15:00+08:00' });

/** A name (no control character at all) or free text (tab, line feed and carriage return allowed). */
const text = (max: number, kind: TextKind = 'name') =>
  z.string().trim().superRefine(withoutControlCharacters(kind)).min(1).max(max);

/** A product trace code on an item (issue 23, docs/trace-codes.md): every problem is invalid_trace_code. */
export const TraceCodeSchema = z
  .object({ scheme: z.string().max(16), code: z.string().max(MAX_TRACE_CODE) })
  .strict()
  .superRefine((t, ctx) => {
    const problem = traceCodeProblem(t.scheme, t.code);
    if (problem) ctx.addIssue({ code: 'custom', ...coded('invalid_trace_code', problem) });
  })
  .openapi('TraceCode', {
    description: `A code on one unit of the item: scheme ${TRACE_SCHEMES.join(', ')} (docs/trace-codes.md).`,
    example: { scheme: 'drug', code: '81234560012345678901' },
  });

export const ItemSchema = z
  .strictObject({
    sku: text(64),
    name: text(200),
    category: text(100).optional(),
    quantity: z.number().int().positive().max(1_000_000),
    unit_price: decimal,
    /** At most one a unit of the quantity, each once. */
    trace_codes: z.array(TraceCodeSchema).min(1).max(10_000).optional(),
  })
  .superRefine((item, ctx) => {
    const codes = item.trace_codes;
    if (!codes) return;
    if (codes.length > item.quantity)
      ctx.addIssue({
        code: 'custom',
        path: ['trace_codes'],
        ...coded(
          'invalid_trace_code',
          `holds ${codes.length} codes for ${item.quantity} units: one a unit at most`,
        ),
      });
    const seen = new Set<string>();
    for (const [i, t] of codes.entries()) {
      const key = `${t.scheme}\u0000${t.code}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['trace_codes', i],
          ...coded('invalid_trace_code', 'names a code the item names already: a unit is sold once'),
        });
      seen.add(key);
    }
  })
  .openapi('OrderItem', {
    example: { sku: 'TEA-LJ-250', name: '西湖龙井 250g', quantity: 2, unit_price: '64.95' },
  });

/** A trace code names one unit: an order naming it on two of its items sold it twice. */
function codesOnceInOrder(items: z.output<typeof ItemSchema>[], ctx: z.RefinementCtx) {
  const first = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    for (const [j, t] of (item.trace_codes ?? []).entries()) {
      const key = `${t.scheme}\u0000${t.code}`;
      const where = first.get(key);
      if (where === undefined) first.set(key, i);
      else if (where !== i)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'trace_codes', j],
          ...coded('invalid_trace_code', `names a code item ${where} names already: a unit is sold once`),
        });
    }
  }
}

/** An order as a platform files it: the examples' order of two boxes of tea from the examples' store. */
export const ORDER_EXAMPLE = {
  order_id: 'O-20260301-0001',
  seller_id: 'S-1001',
  placed_at: '2026-03-01T10:00:00+08:00',
  status: 'paid',
  total: '129.90',
  currency: 'CNY',
  items: [{ sku: 'TEA-LJ-250', name: '西湖龙井 250g', quantity: 2, unit_price: '64.95' }],
  buyer_ref: 'b7f3c2a9',
  payment_method: 'alipay',
  ship_to_region: '330106',
};

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
      .max(MAX_ITEMS, `must hold at most ${MAX_ITEMS} items`)
      .superRefine(codesOnceInOrder),
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
  .openapi('TransactionRecord', { example: ORDER_EXAMPLE });

export type TransactionInput = z.output<typeof TransactionRecordSchema>;
export const TRANSACTION_FIELDS = Object.keys(TransactionRecordSchema.shape);
