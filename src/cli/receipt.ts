import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, EXIT } from './output.ts';

export function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      EXIT.usage,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON`, EXIT.failure);
  }
}

/** A saved public key: the PEM itself, or the JSON that GET /v1/receipt-key serves. */
export function readPublicKey(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read public key ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      EXIT.usage,
    );
  }
  if (text.trimStart().startsWith('-----BEGIN PUBLIC KEY-----')) return text;
  try {
    const parsed = JSON.parse(text) as { public_key_pem?: unknown };
    if (typeof parsed.public_key_pem === 'string') return parsed.public_key_pem;
  } catch {}
  throw new CliError(`${file} holds neither a PEM public key nor the JSON of /v1/receipt-key`, EXIT.usage);
}

async function fetchPublicKey(url: string): Promise<string> {
  const { marketgateClient } = await import('../client/index.ts');
  const { data, response } = await marketgateClient({ baseUrl: url })
    .GET('/v1/receipt-key')
    .catch((err: Error) => {
      throw new CliError(`cannot reach ${url}: ${err.cause ?? err.message}`);
    });
  if (!data) throw new CliError(`${url} answered ${response.status} for /v1/receipt-key`);
  return data.public_key_pem;
}

/** The SHA-256 (hex) of a file, read as a stream: a filing can be gigabytes. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The file a receipt acknowledges, by its hash: a filing's receipt signs `body_sha256` (the request
 * body, which `marketgate file` sends as the file is); an assistance answer's signs `sha256`.
 */
function signedFileHash(r: { receipt_type?: string; body_sha256?: unknown; sha256?: unknown }) {
  const field = r.receipt_type === 'assistance_answer' ? 'sha256' : 'body_sha256';
  const value = r[field];
  if (typeof value !== 'string') throw new CliError(`the receipt has no ${field} to check the file against`);
  return { field, value };
}

/** Refuses a --file that cannot be read before anything else is done (a usage error, exit 2). */
function readableFile(file: string): string {
  try {
    if (!fs.statSync(file).isFile()) throw new CliError(`${file} is not a file`, EXIT.usage);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      `cannot read the filed file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      EXIT.usage,
    );
  }
  return file;
}

interface VerifyOptions {
  publicKey?: string;
  url?: string;
  file?: string;
}

export function receiptCommands(program: Command): void {
  program
    .command('receipt')
    .description('filing receipts')
    .command('verify <receipt.json>')
    .description(
      'check a receipt signature, and with --file that the file is the one filed; exit 0 when both hold, 1 when not',
    )
    .option(
      '--public-key <file>',
      'a saved public key (PEM, or the JSON of /v1/receipt-key): no network needed',
    )
    .option('--url <gateway>', 'fetch the public key from this gateway')
    .option(
      '--file <filed-file>',
      "the file that was filed: its SHA-256 must be the receipt's body_sha256 (an assistance answer's sha256)",
    )
    .action(async (file: string, o: VerifyOptions) => {
      if (!o.publicKey === !o.url)
        throw new CliError('give exactly one of --public-key <file> or --url <gateway>', EXIT.usage);
      const filed = o.file === undefined ? undefined : readableFile(o.file);
      const receipt = readJson(file, 'receipt');
      const pem = o.publicKey ? readPublicKey(o.publicKey) : await fetchPublicKey(o.url!);
      const { verifyReceipt } = await import('../filings/receipt.ts');
      const check = verifyReceipt(receipt, pem);
      if (!check.valid) throw new CliError(`INVALID: ${check.reason}`, EXIT.failure);
      const r = receipt as {
        receipt_type?: string;
        filing_id?: string;
        request_id?: string;
        answer_id?: string;
        sha256?: string;
        body_sha256?: string;
        platform: string;
        received_at: string;
        key_id: string;
      };
      // An assistance answer's receipt (src/assistance/receipt.ts) names the file it acknowledges.
      const what =
        r.receipt_type === 'assistance_answer'
          ? `answer ${r.answer_id} to assistance request ${r.request_id} (file sha256 ${r.sha256})`
          : `filing ${r.filing_id}`;
      // The signature holds, so the hash is the one the gateway signed: the file must have it.
      const match =
        filed === undefined ? undefined : { ...signedFileHash(r), actual: await fileSha256(filed) };
      if (match && match.actual !== match.value)
        throw new CliError(
          `MISMATCH: the signature holds, but ${filed} is not the file the receipt acknowledges: its sha256 is ${match.actual}, the receipt's ${match.field} is ${match.value}`,
          EXIT.failure,
        );
      console.log(
        `valid: ${what} by ${r.platform} at ${r.received_at}, signed by key ${r.key_id}` +
          (check.complete ? '' : ' (only a page of its errors is included; errors_sha256 covers them all)'),
      );
      if (match) console.log(`file matches: ${filed} has the receipt's ${match.field} ${match.value}`);
    });
}
