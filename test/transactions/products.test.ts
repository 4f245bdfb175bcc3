import fs from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { productId } from '../../src/transactions/pack.ts';
import { productTable } from '../../src/transactions/products.ts';
import { tempDir } from '../helpers/gateway.ts';

let dir: string;
let db: Db;

afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open() {
  dir = tempDir('mg-products-');
  db = openDatabase(dir);
  db.prepare(
    "INSERT INTO platforms (id, slug, name, uscc, kind, created_at) VALUES (1, 'p', 'P', '91330106673959654P', 'platform', 'now')",
  ).run();
  return productTable(db);
}

test('a product keeps one key per platform; each key gives its product back', () => {
  const products = open();
  const tea = products.keyOf(1, productId('TEA-1', '龙井', '茶叶'));
  const mug = products.keyOf(1, productId('MUG-1', 'Mug', ''));
  expect(mug).not.toBe(tea);
  products.settle();
  expect(products.keyOf(1, productId('TEA-1', '龙井', '茶叶'))).toBe(tea);
  // Another category is another product.
  expect(products.keyOf(1, productId('TEA-1', '龙井', ''))).not.toBe(tea);
  expect(products.productOf(tea)).toEqual(['TEA-1', '龙井', '茶叶']);
  expect(() => products.productOf(999)).toThrow(/missing/);
});

test('a key made in a transaction that rolled back is never given for its product again', () => {
  const products = open();
  let lost = 0;
  const failed = db.transaction(() => {
    lost = products.keyOf(1, productId('LOST-1', 'Lost', ''));
    throw new Error('disk full');
  });
  expect(() => failed()).toThrow('disk full');
  products.settle();
  // The next transaction makes another product: SQLite gives it the key the rolled-back one had.
  const other = db.transaction(() => products.keyOf(1, productId('OTHER-1', 'Other', '')))();
  products.settle();
  expect(other).toBe(lost);
  // Had the first key been cached when made, LOST-1 would now name OTHER-1's key.
  const again = db.transaction(() => products.keyOf(1, productId('LOST-1', 'Lost', '')))();
  expect(again).not.toBe(other);
  expect(products.productOf(again)).toEqual(['LOST-1', 'Lost', '']);
  expect(products.productOf(other)).toEqual(['OTHER-1', 'Other', '']);
});
