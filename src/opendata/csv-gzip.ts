/**
 * Gzip CSV for open data: UTF-8 without a byte-order mark, a header row of the column names, RFC 4180
 * quoting and CRLF line ends (RFC 4180's own; every CSV reader takes them, and a quoted newline inside
 * a value stays as it was). Written as the rows come, and the same rows always give the same bytes.
 *
 * How a cell is spelled:
 * - null is an empty field, the empty string a quoted empty field (`""`): the two stay apart, as in
 *   PostgreSQL's `COPY ... CSV` (pandas, R and DuckDB read an empty field as missing by default);
 * - a string is quoted when it is empty or holds `"`, `,`, CR or LF, and a `"` in it is doubled;
 * - an int64 in decimal digits; a double in JavaScript's shortest form that reads back to the same
 *   double (`0.1`, `1e+21`); a boolean `true` / `false`; a date `YYYY-MM-DD`.
 *
 * No guard against spreadsheet formulas (a `'` before a leading `=`, `+`, `-`, `@`): open data must be
 * exactly the records, and a changed value would be wrong for every program that reads the file. Whoever
 * opens it in a spreadsheet program is warned on the open-data page instead.
 *
 * Byte for byte the same: the compression level is fixed; Node's zlib writes a gzip header without
 * file name, comment or extra field and with mtime 0 (it never calls deflateSetHeader; the tests check
 * the header), and the header's operating-system byte is set to 255 ("unknown") instead of the
 * platform's. The deflate stream itself is what the running Node's zlib makes: the same on one machine
 * and Node version, but not promised across zlib builds (Node bundles Chromium's zlib, whose match
 * finder hashes with CRC32C where the CPU has it) — the manifest's SHA-256 is what a mirror is checked
 * against, not a rebuild elsewhere.
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type Column, type Rows, type Value, type WrittenFile, checkColumns, checkRow } from './columns.ts';
import { openNewFile } from './new-file.ts';

/** Written once a day, downloaded many times: the slowest, smallest level pays. */
export const CSV_GZIP_LEVEL = 9;
/** RFC 1952's "unknown" operating system, instead of the one the file happened to be written on. */
const GZIP_OS_UNKNOWN = 255;
const GZIP_OS_OFFSET = 9;
/** CSV text is handed to gzip in pieces of about this many UTF-16 units: few calls, little held. */
const PIECE_CHARS = 64 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field. */
export function csvField(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string')
    return value === '' || NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** One CSV record with its CRLF. */
export function csvRecord(values: readonly Value[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Writes `rows` as gzip CSV to `target`: a path (created, never overwritten, fsynced before the
 * promise resolves, removed again when writing fails: new-file.ts) or a stream. Rows are pulled only
 * as fast as the target takes the compressed bytes, so a dataset of any size is never held in memory.
 */
export async function writeCsvGzip(
  target: string | Writable,
  columns: readonly Column[],
  rows: Rows,
): Promise<WrittenFile> {
  checkColumns(columns);
  let rowCount = 0;
  let bytes = 0;
  const hash = createHash('sha256');

  async function* csvText(): AsyncGenerator<Buffer> {
    let piece = csvRecord(columns.map((c) => c.name));
    for await (const row of rows) {
      rowCount++;
      piece += csvRecord(checkRow(columns, row, rowCount));
      if (piece.length >= PIECE_CHARS) {
        yield Buffer.from(piece, 'utf8');
        piece = '';
      }
    }
    if (piece) yield Buffer.from(piece, 'utf8');
  }

  async function* counted(gzipped: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (let chunk of gzipped) {
      if (bytes <= GZIP_OS_OFFSET && bytes + chunk.length > GZIP_OS_OFFSET) {
        chunk = Buffer.from(chunk);
        chunk[GZIP_OS_OFFSET - bytes] = GZIP_OS_UNKNOWN;
      }
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }

  const gzip = zlib.createGzip({ level: CSV_GZIP_LEVEL });
  if (typeof target !== 'string') await pipeline(csvText(), gzip, counted, target);
  else {
    const file = await openNewFile(target);
    try {
      await pipeline(csvText(), gzip, counted, async (out: AsyncIterable<Buffer>) => {
        for await (const chunk of out) await file.write(chunk);
      });
      await file.close();
    } catch (err) {
      // pipeline rejects as soon as a stage fails, maybe before the last write returned: abandon waits.
      await file.abandon();
      throw err;
    }
  }
  return { rows: rowCount, bytes, sha256: hash.digest('hex') };
}
