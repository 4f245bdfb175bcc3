/**
 * The columns of an open-data table and the values its cells may hold, shared by the CSV and the
 * Parquet writer so that both formats of a dataset carry the same values: each cell is checked and
 * normalised here once, then only spelled differently (text in CSV, typed columns in Parquet).
 */

/** What a column holds. A date is a calendar day, `YYYY-MM-DD` (the day's date in China Standard Time). */
export type ColumnType = 'string' | 'int64' | 'double' | 'boolean' | 'date';

export interface Column {
  /** snake_case, stable across days: users' scripts select by it. */
  name: string;
  type: ColumnType;
  /** Whether a cell may be null. @default true */
  nullable?: boolean;
}

/**
 * What a cell may hold, as the dataset's query gives it. SQLite has no boolean and no date: a boolean
 * column takes 0/1 too, a date column a `YYYY-MM-DD` text; an int64 column takes numbers (safe
 * integers) or bigints. Anything else is refused when the row is written (checkRow).
 */
export type Cell = string | number | bigint | boolean | null | undefined;
/**
 * One row: a cell per column, in the columns' order. Typed loosely so that a better-sqlite3
 * `stmt.raw().iterate()` is taken as it is: every cell is checked at run time.
 */
export type Row = readonly unknown[];
/** Rows as they come: a better-sqlite3 `iterate()`, a generator, a stream. Never an array built first. */
export type Rows = Iterable<Row> | AsyncIterable<Row>;

/** A cell after checking: what both formats write. `date` stays its `YYYY-MM-DD` text. */
export type Value = string | bigint | number | boolean | null;

/** What a writer reports of the file it wrote. */
export interface WrittenFile {
  /** Data rows (the CSV header is not one). */
  rows: number;
  bytes: number;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
}

/** A dataset that does not fit its columns, a day folder in the wrong state: the message says which. */
export class OpenDataError extends Error {
  override name = 'OpenDataError';
}

const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// In a `u` regular expression a surrogate pair is one code point: only a lone surrogate matches.
const LONE_SURROGATE = /\p{Surrogate}/u;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Throws unless the columns are a non-empty list of unique snake_case names with known types. */
export function checkColumns(columns: readonly Column[]): void {
  if (columns.length === 0) throw new OpenDataError('a table needs at least one column');
  const seen = new Set<string>();
  for (const c of columns) {
    if (!COLUMN_NAME.test(c.name))
      throw new OpenDataError(`column name ${JSON.stringify(c.name)} is not snake_case`);
    if (seen.has(c.name)) throw new OpenDataError(`column ${c.name} is listed twice`);
    if (!['string', 'int64', 'double', 'boolean', 'date'].includes(c.type))
      throw new OpenDataError(`column ${c.name} has an unknown type ${JSON.stringify(c.type)}`);
    seen.add(c.name);
  }
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (year 0001 to 9999). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const t = new Date(Date.UTC(2000, month - 1, day));
  t.setUTCFullYear(year);
  return t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

/** Days since 1970-01-01 of a checked `YYYY-MM-DD`: Parquet's DATE. */
export function epochDay(date: string): number {
  const t = new Date(Date.UTC(2000, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
  t.setUTCFullYear(Number(date.slice(0, 4)));
  return Math.round(t.getTime() / 86_400_000);
}

/**
 * Checks one row against the columns and returns its normalised values. Throws an OpenDataError that
 * names the row (counted from 1) and the column: a dataset that does not match its dictionary is a
 * bug in its query, and a published file must never carry a value its dictionary does not allow.
 */
export function checkRow(columns: readonly Column[], row: Row, rowNumber: number): Value[] {
  if (!Array.isArray(row) || row.length !== columns.length)
    throw new OpenDataError(
      `row ${rowNumber} has ${Array.isArray(row) ? row.length : 'no'} cells, the table has ${columns.length} columns`,
    );
  return columns.map((column, i) => checkCell(column, row[i], rowNumber));
}

function checkCell(column: Column, cell: unknown, rowNumber: number): Value {
  const bad = (why: string) =>
    new OpenDataError(`row ${rowNumber}, column ${column.name} (${column.type}): ${why}`);
  if (cell === null || cell === undefined) {
    if (column.nullable === false) throw bad('null in a column that is never null');
    return null;
  }
  switch (column.type) {
    case 'string':
      if (typeof cell !== 'string') throw bad(`${typeof cell} where text is expected`);
      // A lone surrogate has no UTF-8 form: encoding it would silently write U+FFFD instead.
      if (LONE_SURROGATE.test(cell)) throw bad('text with a lone UTF-16 surrogate');
      return cell;
    case 'int64': {
      if (typeof cell === 'number' && !Number.isSafeInteger(cell))
        throw bad(`${cell} is not an integer that a number holds exactly (use a bigint)`);
      if (typeof cell !== 'number' && typeof cell !== 'bigint')
        throw bad(`${typeof cell} where an integer is expected`);
      const n = BigInt(cell);
      if (n < INT64_MIN || n > INT64_MAX) throw bad(`${n} does not fit in 64 bits`);
      return n;
    }
    case 'double':
      if (typeof cell !== 'number') throw bad(`${typeof cell} where a number is expected`);
      if (!Number.isFinite(cell)) throw bad(`${cell} is not a finite number`);
      // -0 and 0 are one value to a reader of the CSV; the Parquet file must not tell them apart either.
      return cell === 0 ? 0 : cell;
    case 'boolean':
      if (typeof cell === 'boolean') return cell;
      if (cell === 0 || cell === 1) return cell === 1;
      throw bad(
        `${JSON.stringify(typeof cell === 'bigint' ? String(cell) : cell)} is not true, false, 0 or 1`,
      );
    case 'date':
      if (typeof cell !== 'string' || !isCalendarDate(cell))
        throw bad(
          `${JSON.stringify(typeof cell === 'bigint' ? String(cell) : cell)} is not a YYYY-MM-DD day`,
        );
      return cell;
  }
}
