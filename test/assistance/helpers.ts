import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'vitest';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/** A gateway with a seller filed on each platform: `shop-a` on A, `shop-b` on B. */
export async function assistanceGateway(): Promise<TestGateway> {
  const t = testGateway({ webhooks: { allowPrivateAddresses: true } });
  const a = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'shop-a' })]);
  expect(a.status, a.text).toBe(201);
  const b = await t.fileSellers(t.platformB.key, [
    enterprise({ seller_id: 'shop-b', uscc: '91110108795101314G' }),
  ]);
  expect(b.status, b.text).toBe(201);
  return t;
}

export const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });

export function requestBody(t: TestGateway, overrides: Record<string, unknown> = {}) {
  return {
    platform: t.platformA.slug,
    seller_id: 'shop-a',
    legal_basis: '《网络交易监督管理办法》第三十五条',
    case_number: '杭市监案〔2026〕118号',
    scope: ['identity', 'orders', 'payments'],
    from: '2026-01-01',
    to: '2026-03-31',
    ...overrides,
  };
}

export async function createRequest(t: TestGateway, overrides: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/v1/regulator/assistance-requests', {
    key: t.regulator.token,
    ...json(requestBody(t, overrides)),
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { request_id: string; due_date: string; [k: string]: unknown };
}

export function upload(
  t: TestGateway,
  requestId: string,
  body: BodyInit | undefined,
  type: string,
  options: { key?: string; query?: string; headers?: Record<string, string> } = {},
) {
  return t.call('POST', `/v1/assistance-requests/${requestId}/answers${options.query ?? ''}`, {
    key: options.key ?? t.platformA.key,
    type,
    body,
    headers: options.headers,
  });
}

/** A ZIP archive (deflated entries) built here, independent of the code under test. */
export function zipOf(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Object.keys(entries).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every file kept under <data>/assistance-files, the folder of uploads in progress included. */
export function storedFiles(t: TestGateway): string[] {
  const dir = path.join(t.dataDir, 'assistance-files');
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

export const answerCount = (t: TestGateway) =>
  t.gw.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM assistance_answers').get()!.n;

/** A body that streams `parts` and then fails, as a client that hangs up half-way. */
export function halfSent(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < parts.length) controller.enqueue(parts[i++]!);
      else controller.error(new Error('connection reset'));
    },
  });
}

/** A POST whose body is a stream (app.request needs `duplex` for it; t.call does not set it). */
export async function uploadStream(
  t: TestGateway,
  requestId: string,
  body: ReadableStream<Uint8Array>,
  type: string,
  headers: Record<string, string> = {},
) {
  const res = await t.app.request(`/v1/assistance-requests/${requestId}/answers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': type, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, json: parsed };
}
