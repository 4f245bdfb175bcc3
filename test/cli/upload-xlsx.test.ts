import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { runCli } from '../helpers/cli.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { sheetRows, workbook } from '../helpers/xlsx.ts';

/** `marketgate file sellers` with spreadsheets, against a gateway on 127.0.0.1 in this process. */
const dataDir = tempDir('mg-cli-xlsx-');
const workDir = tempDir('mg-cli-xlsx-files-');
const config = loadConfig({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' });
let running: RunningGateway;
let key: string;

beforeAll(async () => {
  running = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  key = addPlatform(running.gateway.accounts, {
    slug: 'xlsx-shop',
    name: 'X',
    uscc: '91330106673959654P',
  }).key;
});
afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
});

const FIELDS = ['seller_id', 'subject_type', 'legal_name', 'uscc', 'store_name', 'store_url'];
const file = (name: string, bytes: Buffer | string) => {
  const at = path.join(workDir, name);
  fs.writeFileSync(at, bytes);
  return at;
};

describe('marketgate file sellers <file.xlsx>', () => {
  test('sends a workbook as a spreadsheet and prints the row of each error', async () => {
    const bad = enterprise({ uscc: '91330106673959654Q' });
    const at = file('sellers.xlsx', await workbook(sheetRows(FIELDS, [enterprise(), bad])));
    const res = await runCli(['file', 'sellers', at, '--url', running.url, '--key', key]);
    expect(res.code, res.stdout + res.stderr).toBe(3);
    expect(res.stdout).toContain('created 1');
    expect(res.stdout).toContain(`line 3 (${bad.seller_id}): invalid_uscc`);
    expect(JSON.parse(fs.readFileSync(`${at}.receipt.json`, 'utf8')).counts.received).toBe(2);
  }, 30_000);

  test('a workbook saved under another name is recognised by its content', async () => {
    const at = file('sellers (1).download', await workbook(sheetRows(FIELDS, [enterprise()])));
    const res = await runCli(['file', 'sellers', at, '--url', running.url, '--key', key]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('created 1');
  }, 30_000);

  test('a file named .xlsx that is not a workbook is refused before anything is sent', async () => {
    const at = file('fake.xlsx', 'seller_id\nA\n');
    const res = await runCli(['file', 'sellers', at, '--url', running.url, '--key', key]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not an .xlsx workbook');
  });
});
