/**
 * Whether an answer's content is what its Content-Type says, checked as the bytes stream in (text) or
 * once they are on disk (ZIP): a file that merely claims a type is refused, so what the regulator
 * downloads opens with the tool the type names.
 *
 * - NDJSON: UTF-8, every non-blank line one JSON text (RFC 8259), at least one; a BOM and CRLF are taken.
 * - CSV: UTF-8 without NUL, rows of one width as RFC 4180 reads them (csv-parse), at least a header row
 *   (a header alone says "no such records").
 * - ZIP: starts with a local file header, ends with an end-of-central-directory record (ZIP64 too) whose
 *   central directory is in the file, lists as many entries as it says (at least one), and points each
 *   at a local file header. The entries are not decompressed.
 */
import fs from 'node:fs';
import { CsvError, parse as parseCsv } from 'csv-parse';
import { DomainError } from '../errors.ts';
import type { AnswerMediaType } from './terms.ts';

/** Longest NDJSON line: a record past 8 MiB belongs in a ZIP. Bounds what is held while a line arrives. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

export interface ContentCheck {
  write(chunk: Uint8Array): void;
  /** Called once the whole body is in `file`: the last checks. */
  end(file: string, bytes: number): Promise<void>;
}

export function contentCheck(type: AnswerMediaType): ContentCheck {
  if (type === 'application/zip') return zipCheck();
  return type === 'text/csv' ? csvCheck() : ndjsonCheck();
}

/** UTF-8 decoding that refuses a malformed sequence, naming how far in it was. */
function utf8() {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let offset = 0;
  const fail = (from: number) =>
    new DomainError(
      'invalid_encoding',
      `the body is not valid UTF-8 (between byte ${from} and byte ${offset})`,
      {
        bytes_read: offset,
      },
    );
  return {
    decode(chunk: Uint8Array): string {
      const from = offset;
      offset += chunk.byteLength;
      try {
        return decoder.decode(chunk, { stream: true });
      } catch {
        throw fail(from);
      }
    },
    flush(): string {
      try {
        return decoder.decode();
      } catch {
        throw fail(offset);
      }
    },
  };
}

function ndjsonCheck(): ContentCheck {
  const text = utf8();
  let pending = '';
  let line = 0;
  let records = 0;
  const take = (raw: string) => {
    line++;
    let content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === 1 && content.startsWith('\uFEFF')) content = content.slice(1);
    if (content.trim() === '') return;
    try {
      JSON.parse(content);
    } catch (err) {
      throw new DomainError('malformed_json', `line ${line} is not JSON: ${(err as Error).message}`, {
        line,
      });
    }
    records++;
  };
  const feed = (decoded: string) => {
    pending += decoded;
    let nl = pending.indexOf('\n');
    while (nl !== -1) {
      take(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
    if (pending.length > MAX_LINE_CHARS)
      throw new DomainError(
        'malformed_json',
        `line ${line + 1} is longer than ${MAX_LINE_CHARS} characters; send such records in a ZIP`,
        { line: line + 1 },
      );
  };
  return {
    write: (chunk) => feed(text.decode(chunk)),
    async end() {
      feed(text.flush());
      if (pending !== '') take(pending);
      if (records === 0)
        throw new DomainError('invalid_body', 'the NDJSON holds no record, only blank lines');
    },
  };
}

function csvCheck(): ContentCheck {
  const text = utf8();
  let rows = 0;
  let failure: Error | null = null;
  const parser = parseCsv({ bom: true, skip_empty_lines: true, relax_column_count: false });
  parser.on('readable', () => {
    while (parser.read() !== null) rows++;
  });
  parser.on('error', (err) => (failure ??= err));
  const refuse = (err: Error) =>
    new DomainError(
      'malformed_csv',
      `the CSV cannot be read: ${err.message}`,
      err instanceof CsvError && typeof (err as CsvError & { lines?: number }).lines === 'number'
        ? { line: (err as CsvError & { lines: number }).lines }
        : {},
    );
  const feed = (decoded: string) => {
    if (failure) throw refuse(failure);
    if (decoded.includes('\u0000'))
      throw new DomainError('unsupported_file_type', 'the CSV holds NUL characters: it is not text');
    if (decoded) parser.write(decoded);
  };
  return {
    write: (chunk) => feed(text.decode(chunk)),
    async end() {
      feed(text.flush());
      await new Promise<void>((resolve) => {
        parser.once('end', resolve);
        parser.once('error', () => resolve());
        parser.end();
      });
      if (failure) throw refuse(failure);
      if (rows === 0) throw new DomainError('invalid_body', 'the CSV holds no row, not even a header');
    },
  };
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;

const notZip = (why: string) =>
  new DomainError('unsupported_file_type', `the body is not a readable ZIP archive: ${why}`);

function zipCheck(): ContentCheck {
  const head: number[] = [];
  return {
    write(chunk) {
      for (let i = 0; i < chunk.length && head.length < 4; i++) head.push(chunk[i]!);
      if (head.length === 4 && Buffer.from(head).readUInt32LE(0) !== LOCAL_HEADER) {
        if (Buffer.from(head).readUInt32LE(0) === END_OF_DIRECTORY)
          throw new DomainError('invalid_body', 'the ZIP archive is empty: it holds no file');
        throw notZip('it does not start with a local file header (PK\\x03\\x04)');
      }
    },
    async end(file, bytes) {
      if (head.length < 4) throw notZip('it is shorter than a ZIP header');
      await checkZipDirectory(file, bytes);
    },
  };
}

/** Reads the end of the archive and its central directory from disk (the file is at most 64 MiB). */
async function checkZipDirectory(file: string, size: number): Promise<void> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await fd.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    // The end record is 22 bytes plus a comment of at most 65,535.
    const tailStart = Math.max(0, size - (22 + 65_535));
    const tail = await read(tailStart, size - tailStart);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notZip('no end-of-central-directory record (cut off, or not a ZIP)');
    let entries = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryAt = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directorySize === 0xffffffff || directoryAt === 0xffffffff) {
      const locatorAt = tailStart + eocd - 20;
      const locator = locatorAt >= 0 ? await read(locatorAt, 20) : Buffer.alloc(0);
      if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR)
        throw notZip('a ZIP64 archive without its ZIP64 locator');
      const end = await read(Number(locator.readBigUInt64LE(8)), 56);
      if (end.length < 56 || end.readUInt32LE(0) !== ZIP64_END)
        throw notZip('the ZIP64 end record is missing');
      entries = Number(end.readBigUInt64LE(32));
      directorySize = Number(end.readBigUInt64LE(40));
      directoryAt = Number(end.readBigUInt64LE(48));
    }
    if (entries === 0) throw new DomainError('invalid_body', 'the ZIP archive is empty: it holds no file');
    if (directoryAt + directorySize > size)
      throw notZip('its central directory lies past the end of the file');
    const directory = await read(directoryAt, directorySize);
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER)
        throw notZip(`entry ${n + 1} of ${entries} is missing from the central directory`);
      const local = directory.readUInt32LE(at + 42);
      const header = local === 0xffffffff ? null : await read(local, 4);
      if (header && (header.length < 4 || header.readUInt32LE(0) !== LOCAL_HEADER))
        throw notZip(`entry ${n + 1} does not point at a local file header`);
      at +=
        46 +
        directory.readUInt16LE(at + 28) +
        directory.readUInt16LE(at + 30) +
        directory.readUInt16LE(at + 32);
    }
    if (at > directory.length) throw notZip('the central directory is cut off');
  } finally {
    await fd.close();
  }
}
