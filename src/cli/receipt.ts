import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyReceipt } from '../filings/receipt.ts';
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
  const res = await fetch(new URL('/v1/receipt-key', url)).catch((err: Error) => {
    throw new CliError(`cannot reach ${url}: ${err.cause ?? err.message}`);
  });
  if (!res.ok) throw new CliError(`${url} answered ${res.status} for /v1/receipt-key`);
  return ((await res.json()) as { public_key_pem: string }).public_key_pem;
}

export function receiptCommands(program: Command): void {
  program
    .command('receipt')
    .description('filing receipts')
    .command('verify <receipt.json>')
    .description('check a receipt signature; exit 0 when it holds, 1 when it does not')
    .option(
      '--public-key <file>',
      'a saved public key (PEM, or the JSON of /v1/receipt-key): no network needed',
    )
    .option('--url <gateway>', 'fetch the public key from this gateway')
    .action(async (file: string, o: { publicKey?: string; url?: string }) => {
      if (!o.publicKey === !o.url)
        throw new CliError('give exactly one of --public-key <file> or --url <gateway>', EXIT.usage);
      const receipt = readJson(file, 'receipt');
      const pem = o.publicKey ? readPublicKey(o.publicKey) : await fetchPublicKey(o.url!);
      const check = verifyReceipt(receipt, pem);
      if (!check.valid) throw new CliError(`INVALID: ${check.reason}`, EXIT.failure);
      const r = receipt as {
        receipt_type?: string;
        filing_id?: string;
        request_id?: string;
        answer_id?: string;
        sha256?: string;
        platform: string;
        received_at: string;
        key_id: string;
      };
      // An assistance answer's receipt (src/assistance/receipt.ts) names the file it acknowledges.
      const what =
        r.receipt_type === 'assistance_answer'
          ? `answer ${r.answer_id} to assistance request ${r.request_id} (file sha256 ${r.sha256})`
          : `filing ${r.filing_id}`;
      console.log(
        `valid: ${what} by ${r.platform} at ${r.received_at}, signed by key ${r.key_id}` +
          (check.complete ? '' : ' (only a page of its errors is included; errors_sha256 covers them all)'),
      );
    });
}
