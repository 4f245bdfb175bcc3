import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasTerm, term } from '../../src/console/i18n.ts';
import { PAGE_CSP } from '../../src/console/security.ts';
import { PUBLIC_PATHS } from '../../src/http/app.ts';
import type { ColumnType, Row } from '../../src/opendata/columns.ts';
import { DayBuild } from '../../src/opendata/day.ts';
import { CHANGE_COLUMN, DATASETS, type DatasetInfo, changesColumns } from '../../src/opendata/dictionary.ts';
import {
  type DayManifest,
  FILE_FORMATS,
  FILE_KINDS,
  type FileKind,
  manifestText,
} from '../../src/opendata/manifest.ts';
import { humanSize } from '../../src/opendata/page.tsx';
import { openDataDirOf } from '../../src/opendata/paths.ts';
import { byteRange } from '../../src/opendata/routes.tsx';
import { verifyDay } from '../../src/opendata/verify.ts';
import { type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * The open data over HTTP (issue 19): the page in both languages, the catalog, and a published day's
 * files byte for byte with their validators and ranges; nothing else under the open-data folder is served.
 */
let t: TestGateway;
let openData: string;
/** The latest day: every dataset, full and changes, CSV and Parquet. */
const LATEST = '2026-03-02';
const EARLIER = '2026-03-01';
/** Ten small days before them, so that the page's list of days has two pages. */
const SMALL_DAYS = Array.from({ length: 10 }, (_, i) => `2026-02-${String(i + 10).padStart(2, '0')}`);
const UNFINISHED = '2026-03-04';
/** A build that stopped between writing its manifest and renaming its folder: never published either. */
const CRASHED = '2026-03-05';
/** The file long enough to be read from disk in several chunks (64 KiB each). */
const BIG = 'penalties-full.csv.gz';
let latest: DayManifest;

const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A made-up cell of a column: an allowed value where the dictionary lists them, else one of its type. */
function cell(
  c: { name: string; type: ColumnType; nullable?: boolean; values?: readonly string[] },
  i: number,
) {
  if (c.values) return c.values[i % c.values.length]!;
  if (c.nullable !== false && i % 5 === 4) return null;
  const byType: Record<ColumnType, unknown> = {
    string: `${c.name}-${i}-${hex(i)}`,
    int64: i,
    double: i + 0.25,
    boolean: i % 2 === 0,
    date: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`,
  };
  return byType[c.type];
}

function* rows(d: DatasetInfo, kind: FileKind, count: number): Generator<Row> {
  const columns = kind === 'full' ? d.columns : changesColumns(d);
  for (let i = 0; i < count; i++) yield columns.map((c) => cell(c, i));
}

async function publish(date: string, datasets: readonly DatasetInfo[], big = false) {
  const day = await DayBuild.start(openData, date);
  for (const d of datasets)
    for (const kind of FILE_KINDS)
      for (const format of FILE_FORMATS) {
        const count = big && d.name === 'penalties' && kind === 'full' ? 2_000 : 3;
        const columns = kind === 'full' ? d.columns : changesColumns(d);
        await day.writeFile(
          { dataset: d.name, kind, format, schemaVersion: d.schemaVersion },
          columns,
          rows(d, kind, count),
        );
      }
  return day.publish({
    generatedAt: `${date}T16:05:00.000Z`,
    codeVersion: '0.1.0+git.0123456789abcdef0123456789abcdef01234567',
    corrections:
      date === LATEST
        ? [{ date: EARLIER, dataset: 'penalties', reason: 'A withdrawn decision was shown as in force.' }]
        : [],
  });
}

beforeAll(async () => {
  t = testGateway();
  t.config.publicRequestsPerMinute = 1_000_000;
  openData = openDataDirOf(t.config.dataDir);
  for (const date of SMALL_DAYS) await publish(date, [DATASETS[0]!]);
  await publish(EARLIER, DATASETS.slice(0, 2));
  latest = await publish(LATEST, DATASETS, true);
  // A build that never finished: its files are on disk, in `<date>.part`.
  const unfinished = await DayBuild.start(openData, UNFINISHED);
  const d = DATASETS[0]!;
  await unfinished.writeFile(
    { dataset: d.name, kind: 'full', format: 'csv.gz', schemaVersion: 1 },
    d.columns,
    rows(d, 'full', 3),
  );
  const crashed = await DayBuild.start(openData, CRASHED);
  const file = await crashed.writeFile(
    { dataset: d.name, kind: 'full', format: 'csv.gz', schemaVersion: 1 },
    d.columns,
    rows(d, 'full', 3),
  );
  const manifest = { ...latest, date: CRASHED, files: [file], corrections: [] };
  fs.writeFileSync(path.join(crashed.dir, 'manifest.json'), manifestText(manifest));
}, 60_000);

afterAll(() => t?.close());

/** A request whose body is kept as bytes. */
async function fetchBytes(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await t.app.request(url, { method, headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const onDisk = (date: string, file: string) => fs.readFileSync(path.join(openData, date, file));

describe('the page', () => {
  const page = async (headers: Record<string, string>, query = '') => {
    const res = await t.call('GET', `/open-data${query}`, { headers });
    expect(res.status, res.text).toBe(200);
    return { res, $: cheerio.load(res.text) };
  };
  /** The words of ours a reader sees: without code, data and the language switch. */
  const ourWords = ($: cheerio.CheerioAPI) => {
    const copy = cheerio.load($.html());
    copy('script, style, code, pre, [data-raw], [lang]:not(html)').remove();
    return copy('body').text().replace(/\s+/g, ' ');
  };

  test('in Chinese: every dataset, its dictionary, the change column, the days newest first', async () => {
    const { res, $ } = await page({ 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.text).toContain('<html lang="zh-CN">');
    expect($('h1').text()).toBe('开放数据');
    expect($('[data-testid=terms]').text()).toContain('可自由使用');
    expect($('a[href="/open-data/catalog.json"]').length).toBe(1);
    for (const d of DATASETS) {
      const section = $(`section[aria-labelledby="dataset-${d.name}"]`);
      expect(section.find('h3').text(), d.name).toBe(`${d.title.zh} ${d.name}`);
      expect(section.text()).toContain(d.description.zh);
      expect(section.text()).toContain(d.source.zh);
      for (const k of d.key)
        expect(
          section
            .find('dd code')
            .map((_, e) => $(e).text())
            .get(),
        ).toContain(k);
      for (const c of d.columns) {
        const row = $(`[data-testid="schema-${d.name}"] tr[data-column="${c.name}"]`);
        expect(row.length, `${d.name}.${c.name}`).toBe(1);
        const cells = row
          .children()
          .map((_, e) => $(e).text())
          .get();
        expect(cells.slice(0, 4)).toEqual([
          c.name,
          term('zh', `column_type.${c.type}`),
          c.nullable === false ? '否' : '是',
          c.meaning.zh,
        ]);
        expect(cells[4]).toBe(c.values ? c.values.join(', ') : '—');
      }
    }
    const change = $(`[data-testid="change-column-dictionary"] tr[data-column="${CHANGE_COLUMN.name}"]`);
    expect(change.children().eq(3).text()).toBe(CHANGE_COLUMN.meaning.zh);
    expect(change.children().eq(4).text()).toBe(CHANGE_COLUMN.values!.join(', '));
    // Ten days a page, newest first; the unfinished build is not one of them.
    const days = $('section[aria-labelledby^="day-"] h3')
      .map((_, e) => $(e).text())
      .get();
    expect(days).toEqual([LATEST, EARLIER, ...SMALL_DAYS.slice(-8).reverse()]);
    for (const date of [UNFINISHED, CRASHED])
      expect(res.text.includes(`/open-data/${date}`), `${date} is listed`).toBe(false);
    expect($('[data-testid=pager-position]').text()).toBe('1–10 / 12');
    expect($('a[rel=next]').attr('href')).toBe('/open-data?offset=10#days');
    // How to verify, with both commands.
    expect(
      $('pre code')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['sha256sum -c SHA256SUMS', 'marketgate opendata verify <dir>']);
    // No word of ours is a code: types, kinds, formats and values show as words or as code.
    const codes = new Set<string>([
      ...['string', 'int64', 'double', 'boolean', 'full', 'changes', 'parquet', 'gz'],
      ...DATASETS.flatMap((d) => [d.name, ...d.columns.flatMap((c) => [c.name, ...(c.values ?? [])])]),
    ]);
    const words = ourWords($);
    expect([...words.matchAll(/[A-Za-z0-9_]+/g)].map((m) => m[0]).filter((w) => codes.has(w))).toEqual([]);
  });

  test('in English (the cookie over Accept-Language): the same, in English words', async () => {
    const { res, $ } = await page({ 'accept-language': 'zh-CN', cookie: 'lang=en' });
    expect(res.text).toContain('<html lang="en">');
    expect($('h1').text()).toBe('Open data');
    expect($('[data-testid=terms]').text()).toContain('free to reuse');
    expect($('[data-testid=terms]').text()).toContain('attribution');
    for (const d of DATASETS) {
      expect($(`#dataset-${d.name}`).text()).toBe(`${d.title.en} ${d.name}`);
      for (const c of d.columns) {
        const cells = $(`[data-testid="schema-${d.name}"] tr[data-column="${c.name}"]`)
          .children()
          .map((_, e) => $(e).text())
          .get();
        expect(cells.slice(1, 4)).toEqual([
          term('en', `column_type.${c.type}`),
          c.nullable === false ? 'No' : 'Yes',
          c.meaning.en,
        ]);
      }
    }
    const words = ourWords($);
    expect(words, words).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
    expect(words).toContain('How to verify');
  });

  test('each day lists its files with rows and sizes, and links to its manifest and sums', async () => {
    const { $ } = await page({ cookie: 'lang=en' });
    const table = $(`[data-testid="files-${LATEST}"]`);
    const listed = table
      .find('tbody tr')
      .map((_, tr) => {
        const cells = $(tr).children();
        return {
          href: cells.eq(0).find('a').attr('href'),
          rows: cells.eq(4).text(),
          size: cells.eq(5).text(),
          bytes: cells.eq(5).find('data').attr('value'),
        };
      })
      .get();
    expect(listed.map((f) => f.href).sort()).toEqual(
      latest.files.map((f) => `/open-data/${LATEST}/${f.path}`).sort(),
    );
    for (const f of latest.files) {
      const shown = listed.find((x) => x.href === `/open-data/${LATEST}/${f.path}`)!;
      expect(shown.rows, f.path).toBe(f.rows.toLocaleString('en-US'));
      expect(shown.size, f.path).toBe(humanSize(f.bytes));
      expect(shown.bytes, f.path).toBe(String(f.bytes));
    }
    expect(listed.find((x) => x.href?.endsWith(BIG))!.rows).toBe('2,000');
    const section = $(`section[aria-labelledby="day-${LATEST}"]`);
    expect(section.find(`a[href="/open-data/${LATEST}/manifest.json"]`).length).toBe(1);
    expect(section.find(`a[href="/open-data/${LATEST}/SHA256SUMS"]`).length).toBe(1);
    expect($(`[data-testid="corrections-${LATEST}"]`).text()).toContain(
      'A withdrawn decision was shown as in force.',
    );
  });

  test('the second page of days holds the oldest two', async () => {
    const { $ } = await page({ cookie: 'lang=en' }, '?offset=10');
    expect(
      $('section[aria-labelledby^="day-"] h3')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual([SMALL_DAYS[1], SMALL_DAYS[0]]);
    expect($('a[rel=prev]').attr('href')).toBe('/open-data#days');
  });

  test('sizes read as people read them', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 * 1024, 3 * 1024 ** 3].map(humanSize)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KB',
      '1.5 KB',
      '10 MB',
      '3.0 GB',
    ]);
  });

  test('is a page: the pages’ policy, same-origin, not cached, no cross-origin reads', async () => {
    const { res } = await page({});
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('every column type, file kind and format has words in both languages', () => {
    const keys = [
      ...(['string', 'int64', 'double', 'boolean', 'date'] as const).map((x) => `column_type.${x}`),
      ...FILE_KINDS.map((x) => `file_kind.${x}`),
      ...FILE_FORMATS.map((x) => `file_format.${x}`),
    ];
    for (const key of keys) {
      expect(hasTerm(key), key).toBe(true);
      expect(term('zh', key), key).toMatch(/\p{Script=Han}/u);
      expect(term('en', key), key).not.toBe(key);
    }
  });
});

describe('a published day’s files', () => {
  test('each is served byte for byte with its type, validators and caching', async () => {
    const sums = new Map(
      onDisk(LATEST, 'SHA256SUMS')
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(66), line.slice(0, 64)] as const),
    );
    const types = { 'csv.gz': 'application/gzip', parquet: 'application/vnd.apache.parquet' };
    for (const f of latest.files) {
      const res = await fetchBytes(`/open-data/${LATEST}/${f.path}`);
      expect(res.status, f.path).toBe(200);
      expect(res.body.equals(onDisk(LATEST, f.path)), f.path).toBe(true);
      expect(sha256(res.body)).toBe(sums.get(f.path));
      expect(Object.fromEntries(res.headers)).toMatchObject({
        'content-type': types[f.format],
        'content-length': String(f.bytes),
        'content-disposition': `attachment; filename="${f.path}"`,
        etag: `"${f.sha256}"`,
        'last-modified': 'Mon, 02 Mar 2026 16:05:00 GMT',
        'cache-control': 'public, max-age=31536000, immutable',
        'accept-ranges': 'bytes',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      });
      // The file is the gzip: a client must not unpack it on the way.
      expect(res.headers.get('content-encoding'), f.path).toBeNull();
    }
    for (const [file, type] of [
      ['manifest.json', 'application/json'],
      ['SHA256SUMS', 'text/plain; charset=utf-8'],
    ] as const) {
      const res = await fetchBytes(`/open-data/${LATEST}/${file}`);
      const bytes = onDisk(LATEST, file);
      expect(res.status, file).toBe(200);
      expect(res.body.equals(bytes), file).toBe(true);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-disposition')).toBeNull();
    }
    expect(sums.get('manifest.json')).toBe(sha256(onDisk(LATEST, 'manifest.json')));
    // What was served is what a verification passes.
    expect(await verifyDay(path.join(openData, LATEST))).toEqual([]);
  });

  test('answers 304 to a matching If-None-Match, and to If-Modified-Since alone', async () => {
    const url = `/open-data/${LATEST}/${BIG}`;
    const etag = `"${latest.files.find((f) => f.path === BIG)!.sha256}"`;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await fetchBytes(url, { 'if-none-match': inm });
      expect(res.status, inm).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetchBytes(url, { 'if-none-match': '"other"' })).status).toBe(200);
    const later = 'Tue, 03 Mar 2026 00:00:00 GMT';
    expect((await fetchBytes(url, { 'if-modified-since': later })).status).toBe(304);
    expect((await fetchBytes(url, { 'if-modified-since': 'Sun, 01 Mar 2026 00:00:00 GMT' })).status).toBe(
      200,
    );
    // If-None-Match decides when both are sent.
    expect((await fetchBytes(url, { 'if-none-match': '"other"', 'if-modified-since': later })).status).toBe(
      200,
    );
  });

  describe('byte ranges', () => {
    const url = `/open-data/${LATEST}/${BIG}`;
    let whole: Buffer;
    let etag: string;
    beforeAll(() => {
      whole = onDisk(LATEST, BIG);
      etag = `"${sha256(whole)}"`;
      // Long enough to be read in several chunks: ranges cross the stream's 64 KiB pieces.
      expect(whole.length).toBeGreaterThan(2 * 65_536);
    });
    const part = async (range: string, extra: Record<string, string> = {}) =>
      fetchBytes(url, { range, ...extra });
    const expectPart = async (
      range: string,
      start: number,
      end: number,
      extra: Record<string, string> = {},
    ) => {
      const res = await part(range, extra);
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.body.equals(whole.subarray(start, end + 1)), range).toBe(true);
    };

    test('the first bytes, a suffix, an open end, one across the stream’s chunks', async () => {
      await expectPart('bytes=0-99', 0, 99);
      await expectPart('bytes=-100', whole.length - 100, whole.length - 1);
      await expectPart(`bytes=${whole.length - 10}-`, whole.length - 10, whole.length - 1);
      await expectPart('bytes=65530-131080', 65_530, 131_080);
      await expectPart('bytes=0-0', 0, 0);
      // An end past the file is clipped to it; a suffix longer than the file is all of it.
      await expectPart(`bytes=100-${whole.length + 5000}`, 100, whole.length - 1);
      await expectPart(`bytes=-${whole.length + 1}`, 0, whole.length - 1);
    });

    test('unsatisfiable: 416 with the size', async () => {
      for (const range of [
        `bytes=${whole.length}-`,
        `bytes=${whole.length + 7}-${whole.length + 9}`,
        'bytes=-0',
      ]) {
        const res = await part(range);
        expect(res.status, range).toBe(416);
        expect(res.headers.get('content-range'), range).toBe(`bytes */${whole.length}`);
        expect(res.body.length).toBe(0);
      }
    });

    test('several ranges, a malformed one or another unit: the whole file', async () => {
      for (const range of [
        'bytes=0-1,5-6',
        'bytes=0-1, -5',
        'bytes=9-3',
        'items=0-1',
        'bytes=a-b',
        'bytes=-',
      ]) {
        const res = await part(range);
        expect(res.status, range).toBe(200);
        expect(res.body.equals(whole), range).toBe(true);
        expect(res.headers.get('content-range')).toBeNull();
      }
    });

    test('If-Range: the range with this file’s ETag, else the whole file', async () => {
      await expectPart('bytes=10-19', 10, 19, { 'if-range': etag });
      for (const ifRange of ['"0000"', `W/${etag}`, 'Mon, 02 Mar 2026 16:05:00 GMT']) {
        const res = await part('bytes=10-19', { 'if-range': ifRange });
        expect(res.status, ifRange).toBe(200);
        expect(res.body.equals(whole)).toBe(true);
      }
    });

    test('the manifest and the sums take ranges too', async () => {
      const sums = onDisk(LATEST, 'SHA256SUMS');
      const res = await fetchBytes(`/open-data/${LATEST}/SHA256SUMS`, { range: 'bytes=0-63' });
      expect(res.status).toBe(206);
      expect(res.body.equals(sums.subarray(0, 64))).toBe(true);
    });

    test('the range parser on its own', () => {
      expect(byteRange(undefined, 10)).toEqual({ kind: 'whole' });
      expect(byteRange('bytes=2-4', 10)).toEqual({ kind: 'part', start: 2, end: 4 });
      expect(byteRange('BYTES = 2 - ', 10)).toEqual({ kind: 'whole' });
      expect(byteRange('Bytes=2-', 10)).toEqual({ kind: 'part', start: 2, end: 9 });
      expect(byteRange('bytes=-3', 10)).toEqual({ kind: 'part', start: 7, end: 9 });
      expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
      expect(byteRange('bytes=-3', 0)).toEqual({ kind: 'unsatisfiable' });
      expect(byteRange('bytes=99999999999999999999-', 10)).toEqual({ kind: 'unsatisfiable' });
    });
  });

  test('HEAD: the headers of the GET, no body', async () => {
    const f = latest.files.find((x) => x.path === BIG)!;
    const res = await fetchBytes(`/open-data/${LATEST}/${BIG}`, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(res.headers.get('content-length')).toBe(String(f.bytes));
    expect(res.headers.get('etag')).toBe(`"${f.sha256}"`);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    // Ranges are GET's alone (RFC 9110 §14.2).
    expect((await fetchBytes(`/open-data/${LATEST}/${BIG}`, { range: 'bytes=0-9' }, 'HEAD')).status).toBe(
      200,
    );
    expect((await fetchBytes(`/open-data/${LATEST}/manifest.json`, {}, 'HEAD')).status).toBe(200);
  });

  test('other sites may read them: CORS with the validators exposed, and a preflight', async () => {
    const res = await fetchBytes(`/open-data/${LATEST}/${BIG}`, {
      origin: 'https://research.example',
      range: 'bytes=0-9',
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag.*Content-Range/);
    const preflight = await t.app.request(`/open-data/${LATEST}/${BIG}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://research.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'range, if-none-match',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Range.*If-None-Match/);
  });

  test('nothing else is served: unfinished days, other dates, paths out, files the manifest does not list', async () => {
    // A file beside the published ones, on disk but listed nowhere.
    fs.writeFileSync(path.join(openData, SMALL_DAYS[0]!, 'notes.txt'), 'not published');
    fs.writeFileSync(path.join(t.config.dataDir, 'secret.txt'), 'secret');
    const refused = [
      `/open-data/${UNFINISHED}/${DATASETS[0]!.name}-full.csv.gz`,
      `/open-data/${UNFINISHED}.part/${DATASETS[0]!.name}-full.csv.gz`,
      `/open-data/${UNFINISHED}/manifest.json`,
      `/open-data/${CRASHED}/manifest.json`,
      `/open-data/${CRASHED}.part/manifest.json`,
      `/open-data/${CRASHED}.part/${DATASETS[0]!.name}-full.csv.gz`,
      `/open-data/2026-03-09/manifest.json`,
      `/open-data/2026-13-01/manifest.json`,
      `/open-data/2026-02-30/manifest.json`,
      `/open-data/20260302/manifest.json`,
      `/open-data/${SMALL_DAYS[0]}/notes.txt`,
      `/open-data/${LATEST}/penalties-full.csv`,
      `/open-data/${LATEST}/..%2F..%2Fsecret.txt`,
      `/open-data/${LATEST}/%2E%2E%2F%2E%2E%2Fsecret.txt`,
      `/open-data/..%2F..%2Fsecret.txt/manifest.json`,
      `/open-data/${LATEST}%2F..%2F${SMALL_DAYS[0]}/notes.txt`,
      `/open-data/${LATEST}/manifest.json%2F..%2F..%2F..%2Fsecret.txt`,
      `/open-data/${LATEST}/${BIG}%00`,
      `/open-data/${LATEST}`,
      `/open-data/${LATEST}/`,
    ];
    for (const url of refused) {
      const res = await t.call('GET', url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type'), url).toBe('application/problem+json');
      expect(res.json, url).toMatchObject({ code: 'not_found', status: 404 });
      expect(res.text, url).not.toContain('secret');
      expect(res.text, url).not.toContain('not published');
    }
  });

  test('a listed file that is a link on disk is never served', async () => {
    const day = SMALL_DAYS[1]!;
    const name = `${DATASETS[0]!.name}-full.csv.gz`;
    const file = path.join(openData, day, name);
    const copy = path.join(t.config.dataDir, 'elsewhere.csv.gz');
    fs.renameSync(file, copy);
    fs.symlinkSync(copy, file);
    try {
      const res = await t.call('GET', `/open-data/${day}/${name}`);
      expect(res.status).toBe(500);
      expect(res.json).toMatchObject({ code: 'internal_error' });
    } finally {
      fs.rmSync(file);
      fs.renameSync(copy, file);
    }
    expect((await t.call('GET', `/open-data/${day}/${name}`)).status).toBe(200);
  });
});

describe('the catalog', () => {
  test('DCAT in JSON-LD: every dataset, the latest day’s files as distributions that serve their checksum', async () => {
    const res = await t.call('GET', '/open-data/catalog.json');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const catalog = res.json;
    expect(catalog['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      spdx: 'http://spdx.org/rdf/terms#',
    });
    expect(catalog['@type']).toBe('dcat:Catalog');
    expect(catalog['dct:title']).toEqual([
      { '@value': 'marketgate 开放数据', '@language': 'zh' },
      { '@value': 'marketgate Open data', '@language': 'en' },
    ]);
    expect(catalog['dct:publisher']['@type']).toBe('foaf:Agent');
    expect(catalog['dct:modified']).toBe(latest.generated_at);
    const datasets = catalog['dcat:dataset'] as any[];
    expect(datasets.map((d) => d['dct:identifier'])).toEqual(DATASETS.map((d) => d.name));
    const base = t.config.publicUrl;
    expect(base).toMatch(/^https?:\/\/[^/]+$/);
    let served = 0;
    for (const [i, d] of datasets.entries()) {
      const info = DATASETS[i]!;
      expect(d['@type']).toBe('dcat:Dataset');
      expect(d['dct:title']).toEqual([
        { '@value': info.title.zh, '@language': 'zh' },
        { '@value': info.title.en, '@language': 'en' },
      ]);
      expect(d['dct:description']).toEqual([
        { '@value': info.description.zh, '@language': 'zh' },
        { '@value': info.description.en, '@language': 'en' },
      ]);
      expect(d['dcat:keyword']).toContain(info.name);
      expect(d['dct:accrualPeriodicity']).toBe(
        'http://publications.europa.eu/resource/authority/frequency/DAILY',
      );
      expect(d['dct:conformsTo']['@id']).toBe(`${base}/open-data#schema-${info.name}`);
      const distributions = d['dcat:distribution'] as any[];
      expect(distributions.map((x) => x['dcat:downloadURL']).sort()).toEqual(
        ['full', 'changes']
          .flatMap((kind) =>
            ['csv.gz', 'parquet'].map(
              (format) => `${base}/open-data/${LATEST}/${info.name}-${kind}.${format}`,
            ),
          )
          .sort(),
      );
      for (const x of distributions) {
        const url: string = x['dcat:downloadURL'];
        expect(x['@type']).toBe('dcat:Distribution');
        expect(x['dct:issued']).toBe(LATEST);
        expect(x['spdx:checksum']['spdx:algorithm']).toBe('spdx:checksumAlgorithm_sha256');
        expect(x['dcat:mediaType']).toBe(
          url.endsWith('.parquet')
            ? 'https://www.iana.org/assignments/media-types/application/vnd.apache.parquet'
            : 'https://www.iana.org/assignments/media-types/text/csv',
        );
        // The absolute URL serves the file the checksum and size describe.
        const file = await fetchBytes(url);
        expect(file.status, url).toBe(200);
        expect(sha256(file.body), url).toBe(x['spdx:checksum']['spdx:checksumValue']);
        expect(file.body.length, url).toBe(x['dcat:byteSize']);
        served++;
      }
    }
    expect(served).toBe(DATASETS.length * 4);
  });

  test('with nothing published: every dataset, no distributions; the page says so', async () => {
    const empty = testGateway();
    try {
      const res = await empty.call('GET', '/open-data/catalog.json');
      expect(res.status).toBe(200);
      expect(res.json['@type']).toBe('dcat:Catalog');
      expect(res.json['dct:modified']).toBeUndefined();
      expect(res.json['dcat:dataset'].map((d: any) => [d['dct:identifier'], d['dcat:distribution']])).toEqual(
        DATASETS.map((d) => [d.name, []]),
      );
      const page = await empty.call('GET', '/open-data', { headers: { cookie: 'lang=en' } });
      expect(page.status).toBe(200);
      expect(cheerio.load(page.text)('[data-testid=no-days]').text()).toBe('Nothing has been published yet.');
    } finally {
      await empty.close();
    }
  });
});

test('the page, the catalog and the files are public routes: one allowance per address, counted once', async () => {
  expect(PUBLIC_PATHS).toContain('/open-data/*');
  // A gateway of its own: its count starts at zero.
  const limited = testGateway();
  limited.config.publicRequestsPerMinute = 4;
  try {
    for (let i = 0; i < 4; i++)
      expect((await limited.call('GET', '/open-data')).status, `visit ${i + 1}`).toBe(200);
    for (const url of ['/open-data', '/open-data/catalog.json', `/open-data/${LATEST}/manifest.json`]) {
      const res = await limited.call('GET', url);
      expect(res.status, url).toBe(429);
      expect(res.json).toMatchObject({ code: 'rate_limited' });
    }
  } finally {
    await limited.close();
  }
});
