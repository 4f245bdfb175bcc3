import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { CellValue, Row } from 'exceljs';
import { DomainError } from '../errors.ts';

/**
 * Seller filings as spreadsheets (.xlsx): the first worksheet, a header row of field names, one record
 * per row, `line` = the row's number in the sheet.
 *
 * An xlsx is a ZIP whose central directory sits at its end, so the body is buffered whole (at most
 * maxBytes; 100,000 seller rows of every field pack to about 7 MiB and read in about 5 s). The ZIP is then read here, not by exceljs:
 * its streaming reader trusts whatever local headers it meets, unpacks without a limit and spills
 * worksheets to temporary files. Only the parts a sheet needs are taken from the central directory
 * (relationships, workbook, styles, shared strings, the first worksheet), their unpacked size is counted
 * against maxUnpackedBytes by really inflating them (declared sizes can lie: a zip bomb), and they are
 * handed to exceljs's WorkbookReader as a new ZIP of just those parts, in an order that lets it stream
 * the worksheet row by row without a temporary file.
 */
export const XLSX_LIMITS = {
  /** Data rows of one filing: a larger sheet is refused whole (split it, or file NDJSON). */
  maxRows: 100_000,
  maxBytes: 32 * 1024 * 1024,
  /**
   * 100,000 seller rows of every field unpack to some tens of MiB of sheet XML and shared strings;
   * this leaves room for styles and inline strings. Inflating it to count costs about a second; the rows stream, but the shared
   * strings are held in memory.
   */
  maxUnpackedBytes: 256 * 1024 * 1024,
};
export type XlsxLimits = typeof XLSX_LIMITS;

/** What the reader needs of a kind's source options (sources.ts passes them; imported from there it would be a cycle). */
export interface XlsxSource {
  requiredColumns: readonly string[];
  maxRecordBytes: number;
  /** Throws unknown_columns or missing_columns for a header row that does not fit, as for CSV. */
  checkHeader(header: string[]): void;
}

/** Why a cell or row cannot be read: its record is rejected with this error. */
export interface CellProblem {
  code: string;
  message: string;
  field?: string;
}

/** A row as a record (the shape of sources.ts's RawRecord), `line` being its row number. */
export type XlsxRecord =
  | { position: { line: number }; value: Record<string, unknown> }
  | { position: { line: number }; problem: CellProblem };

const malformed = (reason: string, detail: string) => new DomainError('malformed_xlsx', detail, { reason });

export async function* xlsxRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: XlsxSource,
  limits: XlsxLimits = XLSX_LIMITS,
): AsyncGenerator<XlsxRecord> {
  const zip = new ZipParts(await bodyOf(chunks, limits.maxBytes), limits.maxUnpackedBytes);
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(await zip.firstSheetWorkbook()), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let header: (string | undefined)[] | undefined;
  let rows = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!header) {
          header = headerOf(row);
          if (!header) continue;
          options.checkHeader(header.filter((h): h is string => h !== undefined));
          continue;
        }
        const record = recordOf(row, header, options);
        if (!record) continue;
        if (++rows > limits.maxRows) {
          throw new DomainError(
            'payload_too_large',
            `the worksheet has more than ${limits.maxRows} rows of data; split the filing, or file NDJSON`,
            { limit_rows: limits.maxRows },
          );
        }
        yield record;
      }
      break; // the rebuilt workbook has only the first worksheet
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // Not the parser's message: it may quote the sheet's content, which may be personal data.
    throw malformed('unreadable', 'the first worksheet is not well-formed spreadsheet XML');
  }
  if (!header)
    throw new DomainError('missing_columns', 'the first worksheet is empty: it needs a header row', {
      missing: [...options.requiredColumns],
    });
}

async function bodyOf(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new DomainError(
        'payload_too_large',
        `a spreadsheet may be at most ${maxBytes} bytes; split the filing, or file NDJSON`,
        { limit_bytes: maxBytes },
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** The header row: field names by column number, or undefined for a row with nothing in it. */
function headerOf(row: Row): (string | undefined)[] | undefined {
  const header: (string | undefined)[] = [];
  row.eachCell((cell, col) => {
    const text = cellText(cell.value, cell.numFmt);
    const name = (typeof text === 'string' ? text : String(cell.value)).trim();
    if (name) header[col] = name;
  });
  return header.length ? header : undefined;
}

function recordOf(row: Row, header: (string | undefined)[], options: XlsxSource): XlsxRecord | undefined {
  const value: Record<string, unknown> = {};
  let problem: CellProblem | undefined;
  let given = false;
  let bytes = 0;
  row.eachCell((cell, col) => {
    const text = cellText(cell.value, cell.numFmt);
    if (text === undefined) return;
    given = true;
    const name = header[col];
    if (problem) return;
    if (!name) {
      problem = {
        code: 'wrong_column_count',
        message: `the row has a value in column ${cell.address.replace(/\d+$/, '')}, which has no header`,
      };
    } else if (typeof text !== 'string') problem = { ...text, field: name };
    else {
      bytes += Buffer.byteLength(text);
      value[name] = text;
    }
  });
  if (!given) return undefined;
  const position = { line: row.number };
  if (problem) return { position, problem };
  if (bytes > options.maxRecordBytes) {
    return {
      position,
      problem: {
        code: 'record_too_large',
        message: `the row is longer than ${options.maxRecordBytes} bytes`,
      },
    };
  }
  return { position, value };
}

/**
 * A cell as the text a CSV would carry, undefined when empty, or why it cannot be read. Excel keeps 15
 * significant digits of a number: an 18-digit ID number or USCC typed as a number is already wrong in
 * the file (110101199003071234 is stored as 1.10101199003071E+17), so an integer of 16 digits or more
 * is refused, never guessed; so is any number that only prints in exponent form.
 */
export function cellText(value: CellValue, numFmt?: string): string | CellProblem | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (numFmt && isDateFormat(numFmt)) return isoDate(excelSerialDate(value));
    const text = String(value);
    if (!Number.isFinite(value) || Math.abs(value) >= 1e15 || /e/i.test(text)) {
      return {
        code: 'invalid_type',
        message:
          'the cell holds a number too long to be exact (Excel keeps 15 digits): format the column as Text and type it again',
      };
    }
    return text;
  }
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text ?? '').join('') || undefined;
  if ('error' in value)
    return { code: 'invalid_type', message: `the cell holds the spreadsheet error ${value.error}` };
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined)
      return {
        code: 'invalid_type',
        message:
          'the cell holds a formula that was never calculated: open and save it in a spreadsheet program',
      };
    return cellText(value.result as CellValue, numFmt);
  }
  if ('text' in value) return cellText(value.text as CellValue, numFmt);
  return { code: 'invalid_type', message: 'the cell holds a value that is not text, a number or a date' };
}

function isoDate(date: Date): string | CellProblem {
  if (Number.isNaN(date.getTime()))
    return { code: 'invalid_date', message: 'the cell holds a date that does not exist' };
  return date.toISOString().slice(0, 10);
}

/**
 * A formula's cached result is a bare serial number even in a date cell (exceljs converts only plain
 * values); counted from 1899-12-30 as in the 1900 date system, which is every workbook written since 2011.
 */
const excelSerialDate = (serial: number) => new Date(Math.round((serial - 25569) * 86_400_000));

/** As Excel tells a date format: a y, m, d, h or s outside quoted text and [bracketed] parts. */
const isDateFormat = (format: string) =>
  /[ymdhs]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  packedSize: number;
  size: number;
  localOffset: number;
}

/** The parts of an xlsx that reading its first worksheet needs, each unpacked within one budget. */
class ZipParts {
  private readonly entries = new Map<string, ZipEntry>();
  private budget: number;

  constructor(
    private readonly body: Buffer,
    private readonly maxUnpacked: number,
  ) {
    this.budget = maxUnpacked;
    if (body.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
      throw malformed(
        'xls',
        'this is an Excel 97-2003 .xls file (or an encrypted workbook): save it as .xlsx',
      );
    if (body.readUInt32LE(0) !== 0x04034b50 || body.length < 22)
      throw malformed('not_a_zip', 'the body is not an .xlsx file (an xlsx is a ZIP archive)');
    this.readCentralDirectory();
    if (!this.entries.has('xl/workbook.xml'))
      throw malformed(
        'not_a_workbook',
        'the ZIP archive is not an .xlsx workbook: it has no xl/workbook.xml',
      );
  }

  private readCentralDirectory(): void {
    const { body } = this;
    let end = -1;
    for (let p = body.length - 22; p >= Math.max(0, body.length - 22 - 0xffff); p--) {
      if (body.readUInt32LE(p) === 0x06054b50) {
        end = p;
        break;
      }
    }
    const corrupt = () =>
      malformed('corrupt_zip', 'the ZIP archive is damaged: its directory cannot be read');
    if (end < 0) throw corrupt();
    const count = body.readUInt16LE(end + 10);
    const start = body.readUInt32LE(end + 16);
    if (count === 0xffff || start === 0xffffffff || body.readUInt16LE(end + 4) !== 0)
      throw malformed('zip64', 'ZIP64 and split archives are not read: save the workbook again as .xlsx');
    for (let i = 0, p = start; i < count; i++) {
      if (p + 46 > end || body.readUInt32LE(p) !== 0x02014b50) throw corrupt();
      const nameLength = body.readUInt16LE(p + 28);
      const entry: ZipEntry = {
        name: body.toString('utf8', p + 46, p + 46 + nameLength),
        flags: body.readUInt16LE(p + 8),
        method: body.readUInt16LE(p + 10),
        crc: body.readUInt32LE(p + 16),
        packedSize: body.readUInt32LE(p + 20),
        size: body.readUInt32LE(p + 24),
        localOffset: body.readUInt32LE(p + 42),
      };
      this.entries.set(entry.name, entry);
      p += 46 + nameLength + body.readUInt16LE(p + 30) + body.readUInt16LE(p + 32);
    }
  }

  private packed(entry: ZipEntry): Buffer {
    const { body } = this;
    const at = entry.localOffset;
    if (entry.flags & 1)
      throw malformed('encrypted', 'the workbook is encrypted: save it without a password');
    if (entry.method !== 0 && entry.method !== 8)
      throw malformed('compression', `${entry.name} is packed with an unknown method (${entry.method})`);
    if (at + 30 > body.length || body.readUInt32LE(at) !== 0x04034b50)
      throw malformed('corrupt_zip', `the ZIP archive is damaged at ${entry.name}`);
    const start = at + 30 + body.readUInt16LE(at + 26) + body.readUInt16LE(at + 28);
    if (start + entry.packedSize > body.length)
      throw malformed('corrupt_zip', `the ZIP archive is damaged at ${entry.name}`);
    return body.subarray(start, start + entry.packedSize);
  }

  private tooLarge(): DomainError {
    return new DomainError(
      'payload_too_large',
      `the workbook unpacks to more than ${this.maxUnpacked} bytes; split the filing`,
      { limit_unpacked_bytes: this.maxUnpacked },
    );
  }

  /** A small part unpacked (the workbook and its relationships), its size taken from the budget. */
  private text(name: string): string {
    const entry = this.entries.get(name);
    if (!entry) throw malformed('not_a_workbook', `the workbook has no ${name}`);
    const packed = this.packed(entry);
    let bytes: Buffer;
    try {
      bytes = entry.method === 0 ? packed : zlib.inflateRawSync(packed, { maxOutputLength: this.budget });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw this.tooLarge();
      throw malformed('corrupt_zip', `${name} cannot be unpacked`);
    }
    this.spend(bytes.length);
    return bytes.toString('utf8');
  }

  private spend(bytes: number): void {
    this.budget -= bytes;
    if (this.budget < 0) throw this.tooLarge();
  }

  /** Counts what a part unpacks to by inflating it, and throws away the bytes. */
  private async measure(entry: ZipEntry): Promise<number> {
    const packed = this.packed(entry);
    if (entry.method === 0) return packed.length;
    const inflate = zlib.createInflateRaw();
    inflate.end(packed);
    let size = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.budget) break;
      }
    } catch {
      throw malformed('corrupt_zip', `${entry.name} cannot be unpacked`);
    }
    return size;
  }

  /** The part the workbook names first in its sheet list (by its relationship), as an entry name. */
  private firstSheetName(): string {
    const workbook = this.text('xl/workbook.xml');
    const rels = this.text('xl/_rels/workbook.xml.rels');
    const sheet = /<(?:[\w.-]+:)?sheet\b([^>]*)>/.exec(workbook);
    if (!sheet) throw malformed('no_worksheet', 'the workbook has no worksheet');
    const rId = /\s[\w.-]+:id\s*=\s*(["'])(.*?)\1/.exec(sheet[1]!)?.[2];
    for (const [, attributes] of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
      const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(attributes!)?.[2];
      const target = attr('Target');
      if (attr('Id') !== rId || !target) continue;
      return target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target);
    }
    throw malformed('no_worksheet', 'the workbook does not say where its first worksheet is');
  }

  /**
   * A ZIP of the parts exceljs reads, in the order it streams best: the relationships and the workbook,
   * styles (dates are told by their format), shared strings (an empty table when there is none), then
   * the first worksheet under the name sheet1.xml. Their packed bytes are reused as they are.
   */
  async firstSheetWorkbook(): Promise<Buffer[]> {
    const sheetName = this.firstSheetName();
    const sheet = this.entries.get(sheetName);
    if (!sheet) throw malformed('no_worksheet', `the workbook has no ${sheetName}`);
    const named: [string, ZipEntry | undefined][] = [
      ['xl/_rels/workbook.xml.rels', this.entries.get('xl/_rels/workbook.xml.rels')],
      ['xl/workbook.xml', this.entries.get('xl/workbook.xml')],
      ['xl/styles.xml', this.entries.get('xl/styles.xml')],
      ['xl/sharedStrings.xml', this.entries.get('xl/sharedStrings.xml')],
      ['xl/worksheets/sheet1.xml', sheet],
    ];
    // The declared sizes first, which cost nothing to add up; then what the parts really unpack to.
    const measured = named.slice(2).filter((n): n is [string, ZipEntry] => n[1] !== undefined);
    if (measured.reduce((sum, [, e]) => sum + e.size, 0) > this.budget) throw this.tooLarge();
    for (const [, entry] of measured) this.spend(await this.measure(entry));
    const out: Buffer[] = [];
    for (const [name, entry] of named) {
      if (entry) out.push(localHeader(name, entry), this.packed(entry));
      else if (name === 'xl/sharedStrings.xml') {
        const empty = Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
        const stub = { method: 0, crc: zlib.crc32(empty), packedSize: empty.length, size: empty.length };
        out.push(localHeader(name, stub), empty);
      }
    }
    return out;
  }
}

/** A ZIP local file header without a data descriptor: the sizes are known, so the reader needs no search. */
function localHeader(name: string, e: Pick<ZipEntry, 'method' | 'crc' | 'packedSize' | 'size'>): Buffer {
  const fileName = Buffer.from(name);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x800, 6); // names in UTF-8
  header.writeUInt16LE(e.method, 8);
  header.writeUInt32LE(e.crc, 14);
  header.writeUInt32LE(e.packedSize, 18);
  header.writeUInt32LE(e.size, 22);
  header.writeUInt16LE(fileName.length, 26);
  return Buffer.concat([header, fileName]);
}
