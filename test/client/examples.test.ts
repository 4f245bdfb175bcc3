import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { enterList } from '../../src/credit/service.ts';
import type { RunningGateway } from '../../src/http/server.ts';
import { startTestServer } from '../helpers/running.ts';
import { REPO } from '../helpers/cli.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * docs/api-examples.md, run as a platform's engineer would run it: each example block as it is, with
 * MG_URL and MG_KEY, against a real gateway (issue 22). An example that goes stale fails here.
 */
const DOC = fs.readFileSync(path.join(REPO, 'docs/api-examples.md'), 'utf8');

/** The code of the block after `<!-- example: name -->`. */
function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`[a-z]+\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (!match) throw new Error(`docs/api-examples.md has no example "${name}"`);
  return match[1]!;
}

/** Why the Python examples cannot run here (none: they can). */
function pythonMissing(): string | undefined {
  try {
    execFileSync('python3', ['-c', 'import requests, cryptography'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'python3 with requests and cryptography is not installed (.ci/setup installs python3-requests and python3-cryptography)';
  }
}
const noPython = pythonMissing();
if (noPython) console.warn(`docs/api-examples.md: the Python examples do not run: ${noPython}`);

let running: RunningGateway;
let env: NodeJS.ProcessEnv;
const work = tempDir('mg-examples-');

beforeAll(async () => {
  running = await startTestServer((config) => {
    config.webhooks.allowPrivateAddresses = true;
    // Entering a list crawls the subject's stores: nothing to crawl here, at once.
    Object.assign(config.crawl, { spacingMs: 10, timeoutMs: 1_000, browserSlots: 0 });
  });
  const { key } = addPlatform(running.gateway.accounts, {
    slug: 'ex',
    name: '示例商城',
    uscc: '91330106673959654P',
  });
  env = { ...process.env, MG_URL: running.url, MG_KEY: key };
});
afterAll(async () => {
  await running?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const bash = (code: string) =>
  promisify(execFile)('bash', ['-euo', 'pipefail', '-c', code], { cwd: work, env });

describe('docs/api-examples.md', () => {
  test('curl: file sellers and orders, then read the receipt', async () => {
    const filed = await bash(example('file-curl'));
    expect(filed.stdout).toContain('"counts":{"received":1,"created":1');
    expect(JSON.parse(fs.readFileSync(path.join(work, 'sellers.receipt.json'), 'utf8'))).toMatchObject({
      kind: 'sellers',
      applied: true,
    });
    // Run again: the same Idempotency-Key and body answer the original receipts, nothing filed twice.
    const first = fs.readFileSync(path.join(work, 'orders.receipt.json'), 'utf8');
    await bash(example('file-curl'));
    expect(fs.readFileSync(path.join(work, 'orders.receipt.json'), 'utf8')).toBe(first);
    const read = await bash(example('receipt-curl'));
    expect(read.stdout.trim()).toBe('"applied":true');
  });

  test.skipIf(noPython)('Python: file an order and verify its receipt', async () => {
    const { stdout } = await promisify(execFile)('python3', ['-c', example('verify-python')], {
      cwd: work,
      env,
    });
    expect(stdout).toMatch(/^receipt \S+ verified: \{'received': 1, 'created': 1/);
  });

  test.skipIf(noPython)(
    'Python: the webhook receiver verifies a real delivery and refuses a forged one',
    async () => {
      const port = await freePort();
      const hook = await fetch(`${running.url}/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.MG_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, events: ['list.entered'] }),
      });
      expect(hook.status).toBe(201);
      const { secret } = (await hook.json()) as { secret: string };
      const receiver = spawn('python3', ['-c', example('webhook-python')], {
        env: { ...env, MG_WEBHOOK_SECRET: secret, PORT: String(port) },
      });
      let out = '';
      receiver.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      try {
        await until(async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => null)) !== null);
        // A delivery signed with another secret is refused.
        const body = JSON.stringify({ type: 'list.entered', timestamp: new Date().toISOString(), data: {} });
        const forged = await fetch(`http://127.0.0.1:${port}/hook`, {
          method: 'POST',
          headers: {
            'webhook-id': 'msg_forged',
            'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
            'webhook-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
          },
          body,
        });
        expect(forged.status).toBe(401);
        // A real event for this platform: one of its stores' subjects enters a list.
        const seller = running.gateway.db
          .prepare<[], { subject_id: string }>('SELECT subject_id FROM sellers')
          .get()!;
        enterList(
          running.gateway,
          'abnormal',
          { subject_id: seller.subject_id, reason: 'unreachable', legal_basis: 'art. 3' },
          'regulator:1',
        );
        await until(() => out.includes('verified list.entered'));
      } finally {
        receiver.kill();
      }
    },
  );
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
