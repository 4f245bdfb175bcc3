import type Database from 'better-sqlite3';
import { type Product, productOfId } from './pack.ts';

/** Products cached (each way): cleared whole when full. Products are few beside orders. */
const PRODUCT_CACHE = 200_000;

/**
 * The platforms' products (pack.ts): the key of an item's product, made on first sight in the writer's
 * transaction, and the product of a key.
 *
 * A key is cached for the writer only once a later transaction still finds it (`settle`, at the start
 * of each staging): a key made in a transaction that rolled back may be given to another product, and
 * a cached one would then name the wrong product. A key read for a visible version was committed and
 * never changes: it is cached at once.
 */
export function productTable(db: Database.Database) {
  const q = {
    key: db
      .prepare<[number, string, string, string], number>(
        'SELECT key FROM transaction_products WHERE platform_id = ? AND sku = ? AND name = ? AND category = ?',
      )
      .pluck(),
    add: db.prepare<[number, string, string, string]>(
      'INSERT INTO transaction_products (platform_id, sku, name, category) VALUES (?, ?, ?, ?)',
    ),
    product: db
      .prepare<[number], Product>('SELECT sku, name, category FROM transaction_products WHERE key = ?')
      .raw(),
  };
  const keys = new Map<string, number>();
  // By id: a product met many times in one transaction is settled once (and a long transaction, such as
  // migration 025's, holds one entry a product, not one an item).
  let unsettled = new Map<string, { platformId: number; product: Product; key: number }>();
  const products = new Map<number, Product>();
  const remember = <K, V>(cache: Map<K, V>, key: K, value: V) => {
    if (cache.size >= PRODUCT_CACHE) cache.clear();
    cache.set(key, value);
  };
  return {
    /** The key of a product (by its productId), made on first sight. */
    keyOf(platformId: number, productId: string): number {
      const id = `${platformId}\u0000${productId}`;
      const cached = keys.get(id);
      if (cached !== undefined) return cached;
      const product = productOfId(productId);
      const [sku, name, category] = product;
      const key =
        q.key.get(platformId, sku, name, category) ??
        Number(q.add.run(platformId, sku, name, category).lastInsertRowid);
      if (unsettled.size >= PRODUCT_CACHE) unsettled.clear(); // only caching is lost
      unsettled.set(id, { platformId, product, key });
      return key;
    },
    /** Caches the keys the last transaction made or found, if they are still there (it committed). */
    settle(): void {
      for (const [id, u] of unsettled)
        if (q.key.get(u.platformId, ...u.product) === u.key) remember(keys, id, u.key);
      unsettled = new Map();
    },
    productOf(key: number): Product {
      let product = products.get(key);
      if (!product) {
        product = q.product.get(key);
        if (!product) throw new Error(`order item product ${key} is missing`);
        remember(products, key, product);
      }
      return product;
    },
  };
}

export type ProductTable = ReturnType<typeof productTable>;
