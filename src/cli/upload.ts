import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { MarketgateClient } from '../client/index.ts';
import type { Receipt } from '../filings/receipt.ts';
import { CliError, EXIT } from './output.ts';
import { fileSha256 } from './receipt.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const TRIES = 3;

interface UploadOptions {
  url: string;
  key: string;
  idempotencyKey?: string;
  receipt?: string;
  atomic?: boolean;
}

interface Filing {
  kind: Kind;
  file: string;
  size: number;
  type: string;
  idempotencyKey: string;
  atomic: boolean;
}

/**
 * Streams one file to the gateway through the typed client, with a progress bar on a terminal, and
 * returns its answer: a receipt, or a problem (with the receipt of an atomic filing refused whole).
 */
async function upload(client: MarketgateClient, f: Filing) {
  const { default: cliProgress } = await import('cli-progress');
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'uploading [{bar}] {percentage}% {value}/{total} bytes', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(f.size, 0);
  let sent = 0;
  const source = fs.createReadStream(f.file);
  source.on('data', (chunk) => {
    sent += chunk.length;
    bar?.update(sent);
  });
  try {
    const { fileRecords } = await import('../client/index.ts');
    const answer = await fileRecords(client, f.kind, Readable.toWeb(source) as ReadableStream, {
      contentType: f.type,
      contentLength: f.size,
      idempotencyKey: f.idempotencyKey,
      atomic: f.atomic,
    });
    return { ...answer, receipt: answer.receipt as Receipt | undefined };
  } finally {
    bar?.stop();
    source.destroy();
  }
}

const ACCEPTED = {
  sellers: ['.csv', '.ndjson', '.jsonl', '.json', '.xlsx'],
  transactions: ['.ndjson', '.jsonl', '.json'],
  decisions: ['.csv', '.ndjson', '.jsonl', '.json'],
};
type Kind = keyof typeof ACCEPTED;
/** Whose key files each kind: decisions are a department's (docs/double-publicity.md). */
const FILER: Record<Kind, string> = {
  sellers: 'platform',
  transactions: 'platform',
  decisions: 'department',
};

/** A receipt whose errors came in pages gets the rest, so that the saved receipt is whole. */
async function completeErrors(receipt: Receipt, client: MarketgateClient): Promise<Receipt> {
  const errors = [...receipt.errors];
  let offset = receipt.errors_page?.next ? receipt.errors.length : undefined;
  while (offset !== undefined) {
    const { data: page } = await client.GET('/v1/filings/{filing_id}', {
      params: {
        path: { filing_id: receipt.filing_id },
        query: { errors_offset: offset, errors_limit: 5_000 },
      },
    });
    if (!page) return receipt;
    errors.push(...(page.errors as Receipt['errors']));
    offset = page.errors_page?.next ? offset + page.errors.length : undefined;
  }
  const whole: Receipt = { ...receipt, errors };
  // The warnings are complete when they fit in the first page; otherwise the receipt stays marked partial.
  if (receipt.errors_page && receipt.warnings.length < receipt.errors_page.limit) delete whole.errors_page;
  return whole;
}

/** The first bytes of a file, or null when it cannot be read. */
function leadingBytes(file: string, count: number): Buffer | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const bytes = Buffer.alloc(count);
    return bytes.subarray(0, fs.readSync(fd, bytes, 0, count, 0));
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The file's format, by its extension; a ZIP archive (an .xlsx saved under another name, as mail and
 * download tools do) is sent as a spreadsheet whatever its name, and an .xlsx that is no ZIP is refused
 * here rather than by the gateway.
 */
function formatOf(kind: Kind, file: string): string | undefined {
  const ext = path.extname(file).toLowerCase();
  const head = leadingBytes(file, 4);
  const zip = head?.length === 4 && head.readUInt32LE(0) === 0x04034b50;
  if (zip && ACCEPTED[kind].includes('.xlsx')) return CONTENT_TYPES['.xlsx'];
  if (ext === '.xlsx' && head) {
    throw new CliError(`${file} is not an .xlsx workbook (an .xlsx is a ZIP archive)`, EXIT.usage);
  }
  return ACCEPTED[kind].includes(ext) ? CONTENT_TYPES[ext] : undefined;
}

export async function fileRecords(kind: Kind, file: string, o: UploadOptions): Promise<number> {
  const type = formatOf(kind, file);
  if (!type) {
    throw new CliError(`cannot tell the format of ${file}: name it ${ACCEPTED[kind].join(', ')}`, EXIT.usage);
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}`, EXIT.usage);
  }
  // By default the key is the file's digest: re-running the same upload can never file it twice.
  const idempotencyKey = o.idempotencyKey ?? `sha256-${await fileSha256(file)}`;
  // Loaded when a command files, not when the command line starts (test/cli/startup.test.ts).
  const { marketgateClient } = await import('../client/index.ts');
  const client = marketgateClient({ baseUrl: o.url, key: o.key });
  const filing: Filing = { kind, file, size, type, idempotencyKey, atomic: Boolean(o.atomic) };

  let answer: Awaited<ReturnType<typeof upload>> | undefined;
  for (let attempt = 1; !answer; attempt++) {
    try {
      answer = await upload(client, filing);
    } catch (err) {
      const reason = String((err as Error).cause ?? (err as Error).message);
      if (attempt >= TRIES) throw new CliError(`upload failed after ${TRIES} tries: ${reason}`);
      console.error(`upload interrupted (${reason}); retrying with the same Idempotency-Key`);
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
  const given = answer.receipt ?? (answer.problem?.receipt as Receipt | undefined);
  if (!given) {
    const p = answer.problem;
    throw new CliError(
      p
        ? `the gateway refused the filing (${answer.status} ${String(p.code)}): ${String(p.detail)}`
        : `the gateway answered ${answer.status} without a receipt or a problem document`,
    );
  }
  const receipt = await completeErrors(given, client);

  const out = o.receipt ?? `${file}.receipt.json`;
  fs.writeFileSync(out, `${JSON.stringify(receipt, null, 2)}\n`);
  const c = receipt.counts;
  console.log(
    `filing ${receipt.filing_id}${answer.status === 200 ? ' (already filed: original receipt)' : ''}: ` +
      `received ${c.received}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}` +
      (receipt.applied ? '' : ' — nothing filed (atomic)'),
  );
  for (const e of receipt.errors.slice(0, 10)) {
    const where = 'index' in e ? `index ${e.index}` : `line ${e.line}`;
    console.log(
      `  ${where}${(e.seller_id ?? e.order_id) ? ` (${e.seller_id ?? e.order_id})` : ''}: ${e.code}: ${e.message}`,
    );
  }
  if (receipt.errors.length > 10)
    console.log(`  … and ${receipt.errors.length - 10} more errors in the receipt`);
  console.log(`receipt saved to ${out}`);
  return c.rejected > 0 ? EXIT.rejected : EXIT.ok;
}

export function uploadCommands(program: Command): void {
  const file = program.command('file').description('file data with a gateway');
  for (const kind of ['sellers', 'transactions', 'decisions'] as const) {
    file
      .command(`${kind} <file>`)
      .description(`file ${kind} from a ${ACCEPTED[kind].join(', ')} file; exit 3 when records were rejected`)
      .requiredOption('--url <gateway>', 'the gateway, e.g. http://127.0.0.1:8080')
      .requiredOption('--key <key>', `the ${FILER[kind]}'s API key`)
      .option('--idempotency-key <key>', 'defaults to the SHA-256 of the file')
      .option('--receipt <file>', 'where to save the receipt (default <file>.receipt.json)')
      .option('--atomic', 'file nothing if any record is rejected')
      .action(async (path: string, o: UploadOptions) => {
        process.exitCode = await fileRecords(kind, path, o);
      });
  }
}
