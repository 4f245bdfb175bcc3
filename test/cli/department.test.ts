import fs from 'node:fs';
import pino from 'pino';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { createApp } from '../../src/http/app.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * Departments (issue 16): `marketgate department add` prints a key once; the key reads the whole event
 * feed and may not file sellers; the slug is one namespace with platforms'; bad arguments are refused.
 */
const dataDir = tempDir('mg-dept-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('a department is added, listed, reads events and files no sellers', async () => {
  const added = await runCli([
    'department',
    'add',
    'tax-bureau',
    '--name',
    '税务局',
    '--json',
    '--data',
    dataDir,
  ]);
  expect(added.code, added.stderr).toBe(0);
  const parsed = JSON.parse(added.stdout);
  expect(parsed).toMatchObject({ slug: 'tax-bureau', name: '税务局', kind: 'department' });
  expect(parsed.key).toMatch(/^mgd_[A-Z2-9]{8}_[A-Za-z0-9_-]{43}$/);

  const platform = await runCli([
    'platform',
    'add',
    'shop',
    '--name',
    'Shop',
    '--uscc',
    '91330106673959654P',
    '--data',
    dataDir,
  ]);
  expect(platform.code, platform.stderr).toBe(0);
  const taken = await runCli(['department', 'add', 'shop', '--name', 'x', '--data', dataDir]);
  expect(taken.code).toBe(2);
  expect(taken.stderr).toMatch(/taken already/);
  const badCode = await runCli([
    'department',
    'add',
    'customs',
    '--name',
    'x',
    '--uscc',
    '123',
    '--data',
    dataDir,
  ]);
  expect(badCode.code).toBe(2);

  const listed = await runCli(['department', 'list', '--data', dataDir]);
  expect(listed.stdout).toContain('tax-bureau');
  expect(listed.stdout).not.toContain('shop\t');
  const platforms = await runCli(['platform', 'list', '--data', dataDir]);
  expect(platforms.stdout).not.toContain('tax-bureau');

  const gw = openGateway(loadConfig({ dataDir, logLevel: 'silent' }), pino({ level: 'silent' }));
  try {
    const app = createApp(gw);
    const auth = { authorization: `Bearer ${parsed.key}` };
    const feed = await app.request('/v1/events', { headers: auth });
    expect(feed.status).toBe(200);
    expect(await feed.json()).toMatchObject({ events: [], head: 0 });
    const filing = await app.request('/v1/sellers', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(filing.status).toBe(403);
  } finally {
    await gw.close();
  }
});
