import { pipeline, Readable } from 'node:stream';
import { CsvError, parse as parseCsv } from 'csv-parse';
import { parseJsonBytes } from '../http/json-body.ts';
import { DomainError } from '../errors.ts';
import { cutDeepJson, nestsDeeperThan, valueNestsDeeperThan } from '../lib/json-depth.ts';
import { locateJsonError } from '../lib/json-locate.ts';
import type { BodyFormat } from './body.ts';
import { xlsxRecords } from './xlsx.ts';

/** Where a record stood in the body: its 0-based index in a JSON array, or its 1-based line in NDJSON/CSV (the row number in a spreadsheet). */
export type RecordPosition = { index: number } | { line: number };

export interface RecordProblem {
  code: string;
  message: string;
  field?: string;
}

export type RawRecord =
  | { position: RecordPosition; value: Record<string, unknown> }
  | { position: RecordPosition; problem: RecordProblem }
  /** An NDJSON line not parsed yet: parsing is left to the check workers (see parseLine). */
  | { position: { line: number }; line: Uint8Array };

export interface SourceOptions {
  /** The record's field names: CSV headers are checked against them. */
  fields: readonly string[];
  /** Columns a CSV header must have (the always-required fields). */
  requiredColumns: readonly string[];
  /** Longest NDJSON line or CSV row accepted, in bytes. */
  maxRecordBytes: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const notAnObject: RecordProblem = { code: 'invalid_type', message: 'a record must be a JSON object' };

/**
 * The deepest a record may nest objects and arrays, the record itself counting as 1. An order needs 3
 * (record > items > item), a seller 1. A deeper record is refused alone (record_too_deep), measured before
 * anything recursive touches it: structured cloning it to a check worker overflowed the stack at a few
 * thousand levels and failed the whole filing, and JSON.parse spends about a microsecond a level.
 */
export const MAX_RECORD_DEPTH = 16;

const tooDeep: RecordProblem = {
  code: 'record_too_deep',
  message: `the record nests objects and arrays more than ${MAX_RECORD_DEPTH} levels deep`,
};

/** Turns a filing body into records, one at a time, whatever its format. */
export function readRecords(
  format: BodyFormat,
  chunks: AsyncIterable<Uint8Array>,
  options: SourceOptions,
  { deferParsing = false }: { deferParsing?: boolean } = {},
): AsyncGenerator<RawRecord> {
  if (format === 'json') return jsonRecords(chunks);
  if (format === 'ndjson') return ndjsonRecords(chunks, options, deferParsing);
  if (format === 'xlsx')
    return xlsxRecords(chunks, { ...options, checkHeader: (h) => checkHeader(h, options, 'spreadsheet') });
  return csvRecords(chunks, options);
}

async function* jsonRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<RawRecord> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  // Buffer.concat copies, so the body is ours to cut. Records sit at level 2 of an array body and at
  // level 3 of {"records": [...]}: with the cap at MAX_RECORD_DEPTH + 2 no record within the limit is
  // ever cut, and a cut one is still deeper than the limit, so the check below finds it.
  const body = Buffer.concat(parts);
  const deepest = cutDeepJson(body, MAX_RECORD_DEPTH + 2);
  const parsed = parseJsonBytes(body);
  const records = Array.isArray(parsed) ? parsed : isPlainObject(parsed) ? parsed.records : undefined;
  if (!Array.isArray(records)) {
    throw new DomainError('invalid_body', 'send a JSON array of records, or an object {"records": [...]}');
  }
  // Only a body that nests past MAX_RECORD_DEPTH + 1 somewhere can hold a record that is too deep.
  const mayBeTooDeep = deepest > MAX_RECORD_DEPTH + 1;
  for (let index = 0; index < records.length; index++) {
    const value: unknown = records[index];
    if (!isPlainObject(value)) yield { position: { index }, problem: notAnObject };
    else if (mayBeTooDeep && valueNestsDeeperThan(value, MAX_RECORD_DEPTH))
      yield { position: { index }, problem: tooDeep };
    else yield { position: { index }, value };
  }
}

/**
 * NDJSON lines of a body, unparsed, in one buffer: the unit the main thread sends a check worker. One
 * object and three transferable buffers for a batch, instead of an object and a copied array a line:
 * building and cloning those cost the main thread more than anything else it did for a filing.
 */
export interface LineBatch {
  /** The lines' bytes, one after another, without line breaks (and without a byte order mark). */
  bytes: Uint8Array;
  /** Where each line ends in `bytes`; it starts where the one before it ends. */
  ends: Uint32Array;
  /** Each line's 1-based line number in the body. */
  lines: Uint32Array;
  /** Indexes (in this batch) of lines longer than `maxRecordBytes`: their bytes were dropped as they came. */
  tooLarge: number[];
  maxRecordBytes: number;
}

/** The buffers to transfer with a line batch posted to another thread. */
export function lineBatchTransfer(batch: LineBatch): ArrayBuffer[] {
  return [batch.bytes.buffer, batch.ends.buffer, batch.lines.buffer] as ArrayBuffer[];
}

/** The records of a line batch, in order: each line unparsed (see parseLine), or a line too large. */
export function* linesOf(batch: LineBatch): Generator<RawRecord> {
  let start = 0;
  let next = 0;
  for (let i = 0; i < batch.ends.length; i++) {
    const position = { line: batch.lines[i]! };
    const end = batch.ends[i]!;
    if (batch.tooLarge[next] === i) {
      next++;
      yield {
        position,
        problem: {
          code: 'record_too_large',
          message: `the line is longer than ${batch.maxRecordBytes} bytes`,
        },
      };
    } else yield { position, line: batch.bytes.subarray(start, end) };
    start = end;
  }
}

/** Records to check: read already (JSON, CSV, spreadsheets), or NDJSON lines in one buffer. */
export type RecordBatch = RawRecord[] | LineBatch;

/** Each record of a batch, in order. */
export const recordsOf = (batch: RecordBatch): Iterable<RawRecord> =>
  Array.isArray(batch) ? batch : linesOf(batch);

/** True when a line holds only white space (blank lines are skipped and count for nothing). */
function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

const hasBom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/**
 * Splits a byte stream at LF, without decoding, into batches of up to `size` lines, so that one bad line
 * costs only that line. Blank lines are left out (their numbers count); a line longer than the limit is
 * dropped as it arrives, so memory stays bounded, and marked too large.
 */
export async function* ndjsonBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: Pick<SourceOptions, 'maxRecordBytes'>,
  size: number,
): AsyncGenerator<LineBatch> {
  const max = options.maxRecordBytes;
  // The batch so far: its lines as views into the chunks, copied once into the batch's buffer.
  let parts: Uint8Array[] = [];
  let ends: number[] = [];
  let lines: number[] = [];
  let tooLarge: number[] = [];
  let total = 0;
  // The start of a line that a chunk ended inside.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let line = 0;

  const take = (): LineBatch => {
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    const batch = {
      bytes,
      ends: Uint32Array.from(ends),
      lines: Uint32Array.from(lines),
      tooLarge,
      maxRecordBytes: max,
    };
    parts = [];
    ends = [];
    lines = [];
    tooLarge = [];
    total = 0;
    return batch;
  };
  // Ends a line: `found` is its bytes, or null when it was too large.
  const endLine = (found: Uint8Array | null) => {
    line++;
    if (found === null) {
      tooLarge.push(ends.length);
      ends.push(total);
      lines.push(line);
      return;
    }
    const bytes = line === 1 && hasBom(found) ? found.subarray(3) : found;
    if (isBlank(bytes)) return;
    parts.push(bytes);
    total += bytes.length;
    ends.push(total);
    lines.push(line);
  };

  for await (const chunk of chunks) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, from)) {
      const head = buf.subarray(from, nl);
      from = nl + 1;
      if (overflow) endLine(null);
      else if (!pending.length) endLine(head.length <= max ? head : null);
      else if (pendingBytes + head.length > max) endLine(null);
      else endLine(Buffer.concat([...pending, head]));
      pending = [];
      pendingBytes = 0;
      overflow = false;
      if (ends.length >= size) yield take();
    }
    if (from < buf.length && !overflow) {
      pendingBytes += buf.length - from;
      if (pendingBytes > max) {
        overflow = true;
        pending = [];
      } else pending.push(buf.subarray(from));
    }
  }
  if (overflow) endLine(null);
  else if (pendingBytes > 0) endLine(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
  if (ends.length) yield take();
}

const lineDecoder = new TextDecoder('utf-8', { fatal: true });

/** Parses an NDJSON line that was left unparsed; any other record passes as it is. */
export function parseLine(raw: RawRecord): Exclude<RawRecord, { line: Uint8Array }> {
  if (!('line' in raw)) return raw;
  const { position } = raw;
  let text: string;
  try {
    text = lineDecoder.decode(raw.line);
  } catch {
    return { position, problem: { code: 'invalid_encoding', message: 'the line is not valid UTF-8' } };
  }
  if (nestsDeeperThan(raw.line, MAX_RECORD_DEPTH)) return { position, problem: tooDeep };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    return {
      position,
      problem: {
        code: 'malformed_json',
        message: `not valid JSON: expected ${where.expected} at column ${where.column}`,
      },
    };
  }
  return isPlainObject(value) ? { position, value } : { position, problem: notAnObject };
}

async function* ndjsonRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: SourceOptions,
  deferParsing: boolean,
): AsyncGenerator<RawRecord> {
  // A batch a line: each record as soon as its line is in (a filing sends batches: see streamed.ts).
  for await (const batch of ndjsonBatches(chunks, options, 1))
    for (const raw of linesOf(batch)) yield deferParsing ? raw : parseLine(raw);
}

async function* utf8Text(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new DomainError('invalid_encoding', 'the body is not valid UTF-8');
    }
  };
  for await (const chunk of chunks) yield decode(chunk);
  yield decode();
}

async function* csvRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: SourceOptions,
): AsyncGenerator<RawRecord> {
  // pipeline (unlike pipe) carries an error of the body, such as a cut connection, into the parser.
  const parser = pipeline(
    Readable.from(utf8Text(chunks)),
    parseCsv({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: options.maxRecordBytes,
    }),
    () => {},
  );
  let header: string[] | undefined;
  let drift = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // info.lines is the line a record ends on, but csv-parse counts a quoted CRLF as two lines, for
      // good: keep that drift, and step back over the line breaks inside this record's own fields.
      const count = (re: RegExp) => record.reduce((n, field) => n + (field.match(re)?.length ?? 0), 0);
      drift += count(/\r\n/g);
      const line = info.lines - drift - count(/\r\n|\r|\n/g);
      if (!header) {
        header = record.map((h) => h.trim());
        checkHeader(header, options);
        continue;
      }
      if (record.length !== header.length) {
        yield {
          position: { line },
          problem: {
            code: 'wrong_column_count',
            message: `the row has ${record.length} fields, the header has ${header.length}`,
          },
        };
        continue;
      }
      const value: Record<string, unknown> = {};
      header.forEach((name, i) => {
        // An empty cell means the field was not given.
        if (record[i] !== '') value[name] = record[i];
      });
      yield { position: { line }, value };
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof CsvError) {
      // Only the parser's code and line go out: its message quotes the field, which may be personal data.
      const line = (err as CsvError & { lines?: number }).lines ?? null;
      throw new DomainError(
        'malformed_csv',
        `the CSV cannot be read past line ${line ?? '?'} (${err.code})`,
        {
          line,
          csv_error: err.code,
        },
      );
    }
    throw err;
  }
  if (!header)
    throw new DomainError('missing_columns', 'the CSV is empty: it needs a header row', {
      missing: [...options.requiredColumns],
    });
}

/** Checks a header row of field names (`what` names the format in the messages). */
function checkHeader(header: string[], options: SourceOptions, what = 'CSV'): void {
  const known = new Set(options.fields);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) {
    throw new DomainError(
      'unknown_columns',
      `the ${what} header has unknown columns: ${unknown.join(', ')}`,
      {
        unknown,
        allowed: [...options.fields],
      },
    );
  }
  const seen = new Set(header);
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (repeated.length) {
    throw new DomainError('unknown_columns', `the ${what} header repeats columns: ${repeated.join(', ')}`, {
      repeated,
    });
  }
  const missing = options.requiredColumns.filter((f) => !seen.has(f));
  if (missing.length) {
    throw new DomainError(
      'missing_columns',
      `the ${what} header lacks required columns: ${missing.join(', ')}`,
      {
        missing,
      },
    );
  }
}
