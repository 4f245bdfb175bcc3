import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_ANSWER_BYTES } from '../../src/assistance/terms.ts';
import type { TestGateway } from '../helpers/gateway.ts';
import {
  answerCount,
  assistanceGateway,
  createRequest,
  halfSent,
  storedFiles,
  upload,
  uploadStream,
  zipOf,
} from './helpers.ts';

/**
 * Answers refused: a body that is not what its type says, empty, too large or cut off is refused with
 * a problem naming why, and nothing of it is kept: no answer row, no file (not even a partial one), no
 * audit entry, and the request stays open for the real answer.
 */
let t: TestGateway;
let requestId = '';
beforeAll(async () => {
  t = await assistanceGateway();
  requestId = (await createRequest(t)).request_id;
});
afterAll(async () => {
  await t.close();
});

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
const GOOD_ZIP = zipOf({ 'a.csv': 'x,y\n1,2\n' });

function expectNothingKept() {
  expect(answerCount(t)).toBe(0);
  expect(storedFiles(t)).toEqual([]);
  expect(t.gw.audit.ofTarget('assistance_request', requestId).map((e) => e.action)).toEqual([
    'assistance.requested',
  ]);
}

describe('refused for what the body is', () => {
  const cases: [string, Uint8Array | string, string, number, string][] = [
    ['an empty body', '', 'application/x-ndjson', 400, 'invalid_body'],
    ['blank lines only', '\n\r\n  \n', 'application/x-ndjson', 400, 'invalid_body'],
    [
      'NDJSON with a line that is not JSON',
      '{"a":1}\n{"a":\n',
      'application/x-ndjson',
      400,
      'malformed_json',
    ],
    ['a PNG sent as CSV', PNG, 'text/csv', 400, 'invalid_encoding'],
    ['a PNG sent as NDJSON', PNG, 'application/x-ndjson', 400, 'invalid_encoding'],
    ['a ZIP sent as CSV', GOOD_ZIP, 'text/csv', 400, 'invalid_encoding'],
    ['CSV with a NUL byte', 'a,b\n1,\u0000\n', 'text/csv', 415, 'unsupported_file_type'],
    ['a CSV sent as ZIP', 'a,b\n1,2\n', 'application/zip', 415, 'unsupported_file_type'],
    ['CSV rows of different widths', 'a,b,c\n1,2\n', 'text/csv', 400, 'malformed_csv'],
    ['CSV with a quote never closed', 'a,b\n"1,2\n', 'text/csv', 400, 'malformed_csv'],
    ['a ZIP cut in half', GOOD_ZIP.subarray(0, 40), 'application/zip', 415, 'unsupported_file_type'],
    [
      'an empty ZIP',
      Buffer.from('504b0506000000000000000000000000000000000000', 'hex'),
      'application/zip',
      400,
      'invalid_body',
    ],
    ['an octet stream', 'abc', 'application/octet-stream', 415, 'unsupported_media_type'],
    ['no Content-Type', 'abc', '', 415, 'unsupported_media_type'],
    ['CSV in GBK', 'a,b\n', 'text/csv; charset=gbk', 415, 'unsupported_media_type'],
  ];
  test.each(cases)('%s', async (_what, body, type, status, code) => {
    const res = await upload(t, requestId, typeof body === 'string' ? body : new Uint8Array(body), type);
    expect(res.status, res.text).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json, res.text).toMatchObject({ status, code });
    expectNothingKept();
  });

  test('a ZIP whose directory points at no file header', async () => {
    const bad = Buffer.from(GOOD_ZIP);
    const directoryAt = bad.readUInt32LE(bad.length - 6);
    bad.writeUInt32LE(3, directoryAt + 42); // the entry's local header offset, into the middle of one
    const res = await upload(t, requestId, new Uint8Array(bad), 'application/zip');
    expect(res.json, res.text).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect(res.json.detail).toContain('local file header');
    expectNothingKept();
  });

  test('the NDJSON problem names the line', async () => {
    const res = await upload(t, requestId, '{"a":1}\n\n{"b":2}\nnot json\n', 'application/x-ndjson');
    expect(res.json).toMatchObject({ code: 'malformed_json', line: 4 });
  });
});

describe('refused for how the body arrives', () => {
  test('a Content-Length past 64 MiB is refused before a byte is read', async () => {
    const res = await upload(t, requestId, '{"a":1}\n', 'application/x-ndjson', {
      headers: { 'content-length': String(MAX_ANSWER_BYTES + 1) },
    });
    expect(res.json, res.text).toMatchObject({ status: 413, code: 'payload_too_large' });
    expectNothingKept();
  });

  test('a streamed body that passes 64 MiB is refused when it does, and its partial file deleted', async () => {
    const line = `${JSON.stringify({ pad: 'x'.repeat(1024 * 1024 - 12) })}\n`;
    const chunk = new TextEncoder().encode(line);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_ANSWER_BYTES + chunk.length) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await uploadStream(t, requestId, body, 'application/x-ndjson');
    expect(res.json, res.text).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(res.json.detail).toContain('final=false');
    expectNothingKept();
  });

  test('a body cut off half-way is refused and nothing of it kept', async () => {
    const res = await uploadStream(
      t,
      requestId,
      halfSent([new TextEncoder().encode('{"a":1}\n{"b":2}\n')]),
      'application/x-ndjson',
    );
    expect(res.json, res.text).toMatchObject({ status: 400, code: 'body_incomplete' });
    expectNothingKept();
  });

  test('after all that, the real answer is taken', async () => {
    const res = await upload(t, requestId, '{"a":1}\n', 'application/x-ndjson');
    expect(res.status, res.text).toBe(201);
    expect(answerCount(t)).toBe(1);
    expect(storedFiles(t)).toEqual([
      expect.stringMatching(new RegExp(`^${res.json.sha256.slice(0, 2)}/${res.json.sha256}$`)),
    ]);
  });
});
