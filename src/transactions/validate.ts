import { type FieldProblem, oneProblemPerField, problemsOf, withoutAbsent } from '../filings/problems.ts';
import { parseMoney } from '../lib/money.ts';
import { fastTransaction } from './fast-check.ts';
import { ItemSchema, TRANSACTION_FIELDS, type TransactionInput, TransactionRecordSchema } from './record.ts';

/**
 * Checking one order: the schema (record.ts; the fast path, fast-check.ts, for sound orders), then the
 * checks that need the currency or the clock.
 */

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
