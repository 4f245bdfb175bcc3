import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook whose first sheet holds `rows` (row 1 first); `more` adds sheets or changes cells. */
export async function workbook(
  rows: unknown[][],
  more: (wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void = () => {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('sellers');
  for (const row of rows) sheet.addRow(row);
  more(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of a sheet for records: a header of `fields`, then each record's values in that order. */
export function sheetRows(fields: readonly string[], records: Record<string, unknown>[]): unknown[][] {
  return [[...fields], ...records.map((r) => fields.map((f) => r[f] ?? null))];
}

export interface ZipPart {
  name: string;
  data: Buffer;
  /** The packed bytes as they are (deflated elsewhere); `data` is then what they unpack to, or empty. */
  packed?: Buffer;
  /** Deflated unless 0. */
  method?: 0 | 8;
  /** The unpacked size the headers claim (a zip bomb lies). */
  claimedSize?: number;
}

/** A ZIP archive written by hand, for archives no spreadsheet program would write. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const method = part.method ?? 8;
    const packed = part.packed ?? (method === 8 ? zlib.deflateRawSync(part.data) : part.data);
    const name = Buffer.from(part.name);
    const size = part.claimedSize ?? part.data.length;
    const crc = zlib.crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `bytes` zeros, deflated as they stream (a megabyte at a time): about a thousandth of their size. */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024);
  for (let sent = 0; sent < bytes; sent += block.length) {
    if (!deflate.write(block.subarray(0, Math.min(block.length, bytes - sent))))
      await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}
