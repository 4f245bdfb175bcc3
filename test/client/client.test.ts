import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { marketgateClient } from '../../src/client/index.ts';
import { currentDocument, GENERATED, typesOf } from '../../src/client/generate.ts';
import type { RunningGateway } from '../../src/http/server.ts';
import { startTestServer } from '../helpers/running.ts';
import { REPO, runCli } from '../helpers/cli.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * The typed client (src/client, issue 22): its types are the gateway's OpenAPI document of this
 * version, it is what the package exports as `marketgate/client`, and the CLI files through it.
 */
let running: RunningGateway;
let key: string;
const work = tempDir('mg-client-');

beforeAll(async () => {
  running = await startTestServer();
  ({ key } = addPlatform(running.gateway.accounts, {
    slug: 'cl',
    name: '客户端商城',
    uscc: '91330106673959654P',
  }));
});
afterAll(async () => {
  await running?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the typed client', () => {
  test('its types are generated from the document this gateway serves (npm run client:generate)', async () => {
    expect(fs.readFileSync(GENERATED, 'utf8')).toBe(await typesOf(await currentDocument()));
  });

  test('is the package’s marketgate/client export', async () => {
    const script = "const m = await import('marketgate/client'); console.log(typeof m.marketgateClient);";
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: REPO },
    );
    expect(stdout.trim()).toBe('function');
  });

  test('files, reads and is refused with typed answers', async () => {
    const client = marketgateClient({ baseUrl: `${running.url}/`, key });
    const filed = await client.POST('/v1/sellers', { body: [enterprise({ seller_id: 'CL-1' }) as never] });
    expect(filed.response.status).toBe(201);
    expect(filed.data?.counts).toMatchObject({ received: 1, created: 1 });
    const again = await client.GET('/v1/filings/{filing_id}', {
      params: { path: { filing_id: filed.data!.filing_id } },
    });
    expect(again.data?.filing_id).toBe(filed.data!.filing_id);
    const missing = await client.GET('/v1/transactions/{order_id}', {
      params: { path: { order_id: 'NO-SUCH' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'not_found', status: 404 });
    const anonymous = marketgateClient({ baseUrl: running.url });
    expect((await anonymous.GET('/v1/receipt-key')).data?.public_key_pem).toContain('BEGIN PUBLIC KEY');
    const refused = await anonymous.GET('/v1/transactions/{order_id}', {
      params: { path: { order_id: 'X' } },
    });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ code: 'unauthorized' });
  });
});

describe('marketgate file, through the client', () => {
  beforeAll(async () => {
    const client = marketgateClient({ baseUrl: running.url, key });
    expect(
      (await client.POST('/v1/sellers', { body: [enterprise({ seller_id: 'CL-S' }) as never] })).response
        .status,
    ).toBe(201);
  });

  test('a receipt with more errors than it lists gets the rest, page by page, before it is saved', async () => {
    // 1,000 errors are listed in the receipt; the other 1,500 come through GET /v1/filings/{id}.
    const orders = Array.from({ length: 2_500 }, (_, i) => order('CL-UNKNOWN', { order_id: `CL-E-${i}` }));
    const file = path.join(work, 'bad.ndjson');
    fs.writeFileSync(file, ndjson([...orders, order('CL-S', { order_id: 'CL-OK' })]));
    const res = await runCli(['file', 'transactions', file, '--url', running.url, '--key', key]);
    expect(res.code, res.stderr).toBe(3);
    const receipt = JSON.parse(fs.readFileSync(`${file}.receipt.json`, 'utf8'));
    expect(receipt.counts).toMatchObject({ received: 2_501, created: 1, rejected: 2_500 });
    expect(receipt.errors).toHaveLength(2_500);
    expect(new Set(receipt.errors.map((e: { order_id: string }) => e.order_id)).size).toBe(2_500);
    expect(receipt.errors_page).toBeUndefined();
  });

  test('an atomic filing refused whole saves its receipt and says nothing was filed', async () => {
    const file = path.join(work, 'atomic.ndjson');
    fs.writeFileSync(
      file,
      ndjson([order('CL-S', { order_id: 'CL-A1' }), order('CL-UNKNOWN', { order_id: 'CL-A2' })]),
    );
    const res = await runCli(['file', 'transactions', file, '--url', running.url, '--key', key, '--atomic']);
    expect(res.code, res.stderr).toBe(3);
    expect(res.stdout).toContain('nothing filed (atomic)');
    const receipt = JSON.parse(fs.readFileSync(`${file}.receipt.json`, 'utf8'));
    expect(receipt).toMatchObject({ applied: false, atomic: true });
  });

  test('a refusal without a receipt is said plainly', async () => {
    const file = path.join(work, 'one.ndjson');
    fs.writeFileSync(file, ndjson([order('CL-S')]));
    const res = await runCli(['file', 'transactions', file, '--url', running.url, '--key', 'mgp_not-a-key']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('the gateway refused the filing (401 unauthorized)');
  });
});
