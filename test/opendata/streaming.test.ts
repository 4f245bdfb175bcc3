/**
 * The writers pull rows only as fast as their target takes bytes, so a dataset is never held whole.
 * Shown without timing or memory thresholds: against a target that accepts nothing until released,
 * the source must stop being read after a bounded number of rows; released, every row arrives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Column, Row } from '../../src/opendata/columns.ts';
import { writeCsvGzip } from '../../src/opendata/csv-gzip.ts';
import { writeParquet } from '../../src/opendata/parquet.ts';
import { tempFolder } from './helpers.ts';
import { readBack, readFooter } from './parquet-reader.ts';

const folder = tempFolder();
const ROWS = 300_000;
const COLUMNS: Column[] = [
  { name: 'id', type: 'int64', nullable: false },
  { name: 'store', type: 'string' },
  { name: 'amount', type: 'double' },
];

/** Counts the rows it has yielded; the text varies enough that gzip cannot shrink it to nothing. */
function source(onRow?: (n: number) => void) {
  const counter = {
    yielded: 0,
    *rows(): Generator<Row> {
      let seed = 12345;
      for (let i = 0; i < ROWS; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        counter.yielded++;
        onRow?.(counter.yielded);
        yield [i, `店铺-${seed.toString(36)}`, (seed % 100_000) / 100];
      }
    },
  };
  return counter;
}

/** A target that takes no byte until released, then everything. */
class HeldTarget extends Writable {
  private held: (() => void)[] = [];
  private released = false;
  readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void) {
    this.chunks.push(chunk);
    if (this.released) done();
    else this.held.push(done);
  }

  release() {
    this.released = true;
    for (const done of this.held.splice(0)) done();
  }
}

/** Waits until `count()` has not moved for a while: the writer is blocked, not merely slow. */
async function untilStill(count: () => number): Promise<number> {
  let last = -1;
  for (let still = 0; still < 10;) {
    await sleep(20);
    if (count() === last) still++;
    else [last, still] = [count(), 0];
  }
  return last;
}

describe('streaming', () => {
  test('gzip CSV: a blocked target stops the reading of rows; released, all rows arrive', async () => {
    const rows = source();
    const target = new HeldTarget();
    const writing = writeCsvGzip(target, COLUMNS, rows.rows());
    const readWhileBlocked = await untilStill(() => rows.yielded);
    // What the pipeline holds: a 64 KiB piece of text, gzip's buffers, the target's 16 KiB.
    expect(readWhileBlocked).toBeGreaterThan(0);
    expect(readWhileBlocked).toBeLessThan(ROWS / 10);
    target.release();
    const written = await writing;
    expect(written.rows).toBe(ROWS);
    const text = zlib.gunzipSync(Buffer.concat(target.chunks)).toString('utf8');
    expect(text.split('\r\n')).toHaveLength(ROWS + 2);
  });

  test('Parquet: a blocked target stops the reading of rows after one row group', async () => {
    const rows = source();
    const target = new HeldTarget();
    const writing = writeParquet(target, COLUMNS, rows.rows(), { rowGroupRows: 10_000 });
    // The first row group is encoded and handed over; the next row is not read until it is taken.
    expect(await untilStill(() => rows.yielded)).toBe(10_000);
    target.release();
    const written = await writing;
    expect(written).toMatchObject({ rows: ROWS, rowGroups: 30 });
    const bytes = new Uint8Array(Buffer.concat(target.chunks));
    const footer = await readFooter(bytes);
    expect(footer.rowsPerGroup).toEqual(Array(30).fill(10_000));
    const table = readBack(bytes);
    expect(table.numRows).toBe(ROWS);
    expect(table.row(ROWS - 1)!.id).toBe(BigInt(ROWS - 1));
  });

  test.each([
    ['csv.gz', writeCsvGzip],
    ['parquet', writeParquet],
  ] as const)('%s: the file on disk grows while the rows are still being read', async (format, write) => {
    const file = path.join(folder(), `grow.${format}`);
    const sizes: number[] = [];
    const rows = source((n) => {
      if (n % 100_000 === 0) sizes.push(fs.statSync(file).size);
    });
    const written = await write(file, COLUMNS, rows.rows());
    expect(written.rows).toBe(ROWS);
    // Read at rows 100,000, 200,000 and 300,000: each time more had been written, and all before the end.
    expect(sizes).toHaveLength(3);
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[1]).toBeGreaterThan(sizes[0]!);
    expect(sizes[2]).toBeGreaterThan(sizes[1]!);
    expect(sizes[2]).toBeLessThan(written.bytes);
  });
});
