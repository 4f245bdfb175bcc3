import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, test } from 'vitest';
import { build, builtEntry } from '../../src/cli/build.mjs';
import { asBuffer } from '../../src/filings/kinds.ts';
import type { Checked } from '../../src/filings/intake.ts';
import { type CheckedBatch, packChecked, unpackChecked } from '../../src/filings/packed.ts';
import type { RawRecord } from '../../src/filings/sources.ts';
import { tempDir } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

describe('packed batches', () => {
  test('come back as they went, byte fields as Buffers', () => {
    const results: Checked<unknown>[] = [
      { position: { line: 1 }, ok: true, value: { a: '订单', digest: Buffer.from([1, 2, 3]) }, warnings: [] },
      {
        position: { index: 2 },
        ok: false,
        errors: [{ index: 2, field: 'total', code: 'invalid_format', message: 'x' }],
      } as unknown as Checked<unknown>,
    ];
    const { packed, transfer } = packChecked(results);
    expect(transfer).toEqual([packed]);
    const back = unpackChecked({ packed });
    expect(back).toEqual(results);
    const digest = (back[0] as { value: { digest: Uint8Array } }).value.digest;
    expect(asBuffer(digest).equals(Buffer.from([1, 2, 3]))).toBe(true);
  });

  test('records checked in-process pass as they are', () => {
    const results: Checked<unknown>[] = [{ position: { line: 1 }, ok: true, value: 1, warnings: [] }];
    expect(unpackChecked(results)).toBe(results);
  });
});

// A check worker runs from its compiled bundle when that is fresh, else from the TypeScript through tsx
// (src/filings/check-worker.mjs): both give the same results.
describe('check worker entries', () => {
  const dataDir = tempDir('mg-packed-');
  const workers: Worker[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  });

  const lines = [order('S-1'), { ...order('S-1'), total: 'abc' }, 'not json'].map((o, i) => ({
    position: { line: i + 1 },
    line: new TextEncoder().encode(typeof o === 'string' ? o : JSON.stringify(o)),
  })) satisfies RawRecord[];

  async function checkOn(worker: Worker) {
    workers.push(worker);
    const reply = new Promise<{ packed?: ArrayBuffer; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage({
      id: 1,
      kind: 'transactions',
      batch: lines,
      now: Date.parse('2026-11-24T00:00:00Z'),
    });
    const m = await reply;
    expect(m.error).toBeUndefined();
    return unpackChecked({ packed: m.packed! } satisfies CheckedBatch);
  }

  test('compiled and through tsx', async () => {
    await build();
    const compiled = await checkOn(
      new Worker(new URL(builtEntry('check-worker')!), { workerData: { dataDir } }),
    );
    const viaTsx = await checkOn(
      new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
          new URL('../../src/filings/check-worker.ts', import.meta.url).href,
        )}); });`,
        { eval: true, workerData: { dataDir } },
      ),
    );
    expect(compiled.map((c) => c.ok)).toEqual([true, false, false]);
    // The same checks; the encrypted and random parts aside (the buyer's pseudonym is not encrypted).
    expect(compiled.map((c) => (c.ok ? c.warnings : c.errors))).toEqual(
      viaTsx.map((c) => (c.ok ? c.warnings : c.errors)),
    );
    const value = (c: Checked<unknown>) => (c.ok ? (c.value as { record: string }).record : null);
    expect(value(compiled[0]!)).toBe(value(viaTsx[0]!));
  });
});
