import { formatMoney, minorDigits, parseMoney } from '../lib/money.ts';
import { ORDER_STATUSES, type TransactionInput } from './record.ts';

/**
 * How an order version is kept (decision 0020): what the queries need as columns (times as integer
 * milliseconds, the status as a code, money in minor units), and the rest of the normalised record
 * packed positionally as a short JSON array — no field names, no value a column already holds. The
 * API's record is rebuilt from both, byte for byte the JSON the platform's filing was normalised to
 * (its digest is taken of that JSON).
 *
 * The pack: `[items, buyer_ref, total?, refunded_amount?, payment_method?, ship_to_region?,
 * updated_at?, completed_at_sent?]`, trailing absent values left off. An item is `[product, quantity,
 * unit_price]`, its product (sku, name and category, which repeat across a store's orders) a key in the
 * platform's product table; on the check worker, before the writer gives it a key, the item is inline:
 * `[sku, name, quantity, unit_price, category?]`. A price or total is left to the column (or written as
 * minor units) when it is written canonically ("129.90" for 12990 fen), kept as sent otherwise
 * ("129.9"). A record that does not round-trip exactly (none the gateway writes; a safeguard for
 * migrated ones) is kept whole: `{"record": ...}`.
 */

/** A normalised order record, as filed (without its correction reason, which is not part of it). */
export type OrderRecord = Omit<TransactionInput, 'correction_reason'>;

/** The columns of a version that carry parts of its record. */
export interface OrderColumns {
  order_id: string;
  seller_id: string;
  /** ms since the epoch */
  placed_at: number;
  /** index in ORDER_STATUSES */
  status: number;
  currency: string;
  total_minor: number;
  refunded_minor: number;
  /** ms since the epoch: when the order finished (sent, or derived from its status), else null */
  completed_at: number | null;
}

/** What an order's item sells: sku, name and category (absent: ''). */
export type Product = [sku: string, name: string, category: string];
export type InlineItem = [string, string, number, number | string, string?];
type KeyedItem = [number, number, number | string];
type PackedItem = InlineItem | KeyedItem;
type Pack = [
  PackedItem[],
  string,
  (string | null)?,
  (string | null)?,
  (string | null)?,
  (string | null)?,
  (number | null)?,
  (1 | null)?,
];

const STATUS_CODES = new Map<string, number>(ORDER_STATUSES.map((s, i) => [s, i]));

export function statusCode(status: string): number {
  const code = STATUS_CODES.get(status);
  if (code === undefined) throw new Error(`unknown order status ${status}`);
  return code;
}

export function statusName(code: number): (typeof ORDER_STATUSES)[number] {
  const status = ORDER_STATUSES[code];
  if (status === undefined) throw new Error(`unknown order status code ${code}`);
  return status;
}

export const isoOf = (ms: number) => new Date(ms).toISOString();

// The canonical writing of an amount with two minor digits (formatMoney's): the common case, read
// without parsing.
const CANONICAL_2 = /^(?:0|[1-9]\d{0,12})\.\d\d$/;

/** Minor units (as JSON) when `text` is the canonical writing of its amount, else the text as sent. */
function priceOf(text: string, currency: string): string {
  if (minorDigits(currency) === 2)
    return CANONICAL_2.test(text) ? String(Number(text.replace('.', ''))) : JSON.stringify(text);
  const m = parseMoney(text, currency);
  return m.ok && formatMoney(m.minor, currency) === text ? String(m.minor) : JSON.stringify(text);
}

/** An item's product as one string (the product table's key of it): sku, name and category ('' for none). */
export const productId = (sku: string, name: string, category = '') => `${sku}\u0000${name}\u0000${category}`;
export const productOfId = (id: string) => id.split('\u0000') as Product;

/**
 * A pack in parts, as the check worker makes it, as three strings (cheap to pass to the writer thread
 * and for its garbage collector): the items' products (productId) and their `,quantity,price` JSON, each
 * list joined by U+0001 (which no filed text holds), and the JSON of what follows the items
 * (",buyer_ref,..." without the closing bracket). The writer joins them with each product's key; a
 * record kept whole has no products and its whole JSON as the tail.
 */
export interface PackParts {
  products: string | null;
  amounts: string;
  tail: string;
}

const SEPARATOR = '\u0001';

function packOf(record: OrderRecord, columns: OrderColumns): PackParts {
  const { currency } = columns;
  const products = record.items.map((i) => productId(i.sku, i.name, i.category)).join(SEPARATOR);
  const amounts = record.items
    .map((i) => `,${i.quantity},${priceOf(i.unit_price, currency)}`)
    .join(SEPARATOR);
  const rest = [
    record.buyer_ref,
    formatMoney(columns.total_minor, currency) === record.total ? null : record.total,
    record.refunded_amount ?? null,
    record.payment_method ?? null,
    record.ship_to_region ?? null,
    record.updated_at === undefined ? null : Date.parse(record.updated_at),
    record.completed_at === undefined ? null : 1,
  ];
  while (rest.length > 1 && rest.at(-1) === null) rest.pop();
  return { products, amounts, tail: `,${JSON.stringify(rest).slice(1, -1)}` };
}

/** An inline item's product, or a keyed item's (looked up), with its quantity and price. */
function itemOf(item: PackedItem, productOf: (key: number) => Product) {
  if (typeof item[0] === 'number') {
    const [sku, name, category] = productOf(item[0]);
    return { sku, name, category, quantity: item[1] as number, price: item[2] };
  }
  const [sku, name, quantity, price, category] = item as InlineItem;
  return { sku, name, category: category ?? '', quantity, price };
}

/** Inline items (as the check worker packs them) have no product key. */
const noKeys = (key: number): Product => {
  throw new Error(`product ${key} without a product table`);
};

/**
 * The record rebuilt from the columns and the pack, its keys in the schema's order; `productOf` gives
 * the product of an item's key.
 */
export function unpack(
  packed: string,
  columns: OrderColumns,
  productOf: (key: number) => Product = noKeys,
): OrderRecord {
  if (packed.startsWith('{')) return (JSON.parse(packed) as { record: OrderRecord }).record;
  const p = JSON.parse(packed) as Pack;
  const { currency } = columns;
  const record: Record<string, unknown> = {
    order_id: columns.order_id,
    seller_id: columns.seller_id,
    placed_at: isoOf(columns.placed_at),
    status: statusName(columns.status),
    total: p[2] ?? formatMoney(columns.total_minor, currency),
    currency,
    items: p[0].map((packedItem) => {
      const { sku, name, category, quantity, price } = itemOf(packedItem, productOf);
      const item: Record<string, unknown> = { sku, name };
      if (category !== '') item.category = category;
      item.quantity = quantity;
      item.unit_price = typeof price === 'number' ? formatMoney(price, currency) : price;
      return item;
    }),
    buyer_ref: p[1],
  };
  if (p[3] != null) record.refunded_amount = p[3];
  if (p[4] != null) record.payment_method = p[4];
  if (p[5] != null) record.ship_to_region = p[5];
  if (p[6] != null) record.updated_at = isoOf(p[6]);
  if (p[7] != null && columns.completed_at !== null) record.completed_at = isoOf(columns.completed_at);
  return record as OrderRecord;
}

/** The pack as one string, items inline (or the record kept whole). */
export function inlinePack(parts: PackParts): string {
  if (parts.products === null) return parts.tail;
  const amounts = parts.amounts.split(SEPARATOR);
  const items = parts.products.split(SEPARATOR).map((id, i) => {
    const [sku, name, category] = productOfId(id);
    const inline = `${JSON.stringify(sku)},${JSON.stringify(name)}${amounts[i]}`;
    return `[${category ? `${inline},${JSON.stringify(category)}` : inline}]`;
  });
  return `[[${items.join(',')}]${parts.tail}]`;
}

/** The record's fields the pack keeps (with the columns): a record with any other is kept whole. */
export const PACKED_FIELDS = new Set([
  'order_id',
  'seller_id',
  'placed_at',
  'status',
  'total',
  'currency',
  'items',
  'buyer_ref',
  'refunded_amount',
  'payment_method',
  'ship_to_region',
  'updated_at',
  'completed_at',
]);
export const PACKED_ITEM_FIELDS = new Set(['sku', 'name', 'category', 'quantity', 'unit_price']);

const onlyPacked = (record: OrderRecord) =>
  Object.keys(record).every((k) => PACKED_FIELDS.has(k)) &&
  record.items.every((item) => Object.keys(item).every((k) => PACKED_ITEM_FIELDS.has(k)));

/**
 * The pack of `record`. With `json` (the record as normalised, for records from elsewhere: a migration)
 * it is checked by rebuilding the record from it; without, the record is one the schema just gave, in
 * the schema's order and times and amounts as it normalises them, so its fields are what is checked
 * (a field the schema gains and the pack does not know is never dropped). Either way a record that
 * fails is kept whole.
 */
export function pack(record: OrderRecord, columns: OrderColumns, json?: string): PackParts {
  const whole = () => ({ products: null, amounts: '', tail: JSON.stringify({ record }) });
  if (json === undefined) return onlyPacked(record) ? packOf(record, columns) : whole();
  const parts = packOf(record, columns);
  return JSON.stringify(unpack(inlinePack(parts), columns)) === json ? parts : whole();
}

/**
 * The pack the writer stores: each item's product replaced by its key (`keyOf` finds or makes it, from
 * the product's id). A record kept whole stays as it is.
 */
export function keyedPack(parts: PackParts, keyOf: (productId: string) => number): string {
  if (parts.products === null) return parts.tail;
  const amounts = parts.amounts.split(SEPARATOR);
  const items = parts.products.split(SEPARATOR).map((id, i) => `[${keyOf(id)}${amounts[i]}]`);
  return `[[${items.join(',')}]${parts.tail}]`;
}
