/**
 * The open data over HTTP: the page (`/open-data`), the DCAT catalog (`/open-data/catalog.json`) and a
 * published day's files (`/open-data/{date}/{file}`). Mounted in http/app.ts under the public routes'
 * per-address limit; other sites may read the files and the catalog (CORS, and a cross-origin
 * resource policy set there).
 *
 * A file is found only through its day's manifest: `date` must be a published day (never a `.part`
 * build) and `file` one of the manifest's paths, manifest.json or SHA256SUMS; nothing the client sends
 * is joined to a path before that. A published day never changes, so every file is cached for a year
 * and answers conditional and range requests (RFC 9110 §13, §14).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { pageHeaders } from '../console/security.ts';
import { pageContext, render } from '../console/layout.tsx';
import { pageOffset } from '../console/ui.tsx';
import { notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import type { AppEnv } from '../http/env.ts';
import { dcatCatalog } from './catalog.ts';
import { isPublished, listPublishedDays } from './day.ts';
import { type DayManifest, MANIFEST_FILE, SUMS_FILE, manifestProblems } from './manifest.ts';
import { OpenDataPage } from './page.tsx';
import { openDataDirOf } from './paths.ts';

const DAYS_PER_PAGE = 10;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const MEDIA_TYPES = { 'csv.gz': 'application/gzip', parquet: 'application/vnd.apache.parquet' } as const;

/** What a Range header asks of a file of `size` bytes (RFC 9110 §14.1.1, §14.2). */
export type RangeAnswer =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), its end clipped to the file. A header that is
 * absent, of another unit, malformed or of several ranges is ignored (the whole file, which §14.2
 * allows: a multipart answer buys a reader of these files nothing).
 */
export function byteRange(header: string | undefined, size: number): RangeAnswer {
  const whole = { kind: 'whole' } as const;
  const m = header === undefined ? null : /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!m) return whole;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return whole;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0
      ? { kind: 'unsatisfiable' }
      : { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return whole;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** Whether an If-None-Match list names `etag` (weak comparison, §13.1.2) or is `*`. */
function noneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

interface Servable {
  size: number;
  etag: string;
  lastModified: string;
  type: string;
  /** Data files are downloads; the manifest and the sums are shown in place. */
  attachment?: string;
  /** The bytes from `start` to `end`, both included. */
  open: (start: number, end: number) => BodyInit;
}

/** Answers GET or HEAD of one immutable file: 304, 206, 416 or 200, the body streamed. */
function serveFile(c: Context, f: Servable): Response {
  const headers = new Headers({
    etag: f.etag,
    'last-modified': f.lastModified,
    'cache-control': IMMUTABLE,
    'accept-ranges': 'bytes',
  });
  const ifNoneMatch = c.req.header('if-none-match');
  const ifModifiedSince = Date.parse(c.req.header('if-modified-since') ?? '');
  // If-Modified-Since counts only without If-None-Match (§13.2.2).
  if (
    ifNoneMatch !== undefined
      ? noneMatchHits(ifNoneMatch, f.etag)
      : ifModifiedSince >= Date.parse(f.lastModified)
  )
    return new Response(null, { status: 304, headers });
  headers.set('content-type', f.type);
  if (f.attachment) headers.set('content-disposition', `attachment; filename="${f.attachment}"`);
  const head = c.req.method === 'HEAD';
  const ifRange = c.req.header('if-range');
  // Only GET has ranges (§14.2); an If-Range that is not this file's ETag asks for the whole of it.
  const range =
    head || (ifRange !== undefined && ifRange.trim() !== f.etag)
      ? ({ kind: 'whole' } as const)
      : byteRange(c.req.header('range'), f.size);
  if (range.kind === 'unsatisfiable') {
    headers.delete('content-type');
    headers.set('content-range', `bytes */${f.size}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, f.size - 1];
  headers.set('content-length', String(end - start + 1));
  if (range.kind === 'part') headers.set('content-range', `bytes ${start}-${end}/${f.size}`);
  const status = range.kind === 'part' ? 206 : 200;
  // A HEAD opens nothing: Hono would drop the body of the GET it turns it into, leaving the file open.
  return new Response(head || f.size === 0 ? null : f.open(start, end), { status, headers });
}

/** A published day's manifest; null when the day is not published or its manifest is not valid. */
async function readManifest(gw: Gateway, date: string): Promise<DayManifest | null> {
  const dir = openDataDirOf(gw.config.dataDir);
  if (!isPublished(dir, date)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.promises.readFile(path.join(dir, date, MANIFEST_FILE), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    gw.logger.error({ err, date }, 'open data: a published manifest cannot be read');
    return null;
  }
  const problems = manifestProblems(parsed);
  if (problems.length > 0 || (parsed as DayManifest).date !== date) {
    gw.logger.error({ date, problems }, 'open data: a published manifest is not valid');
    return null;
  }
  return parsed as DayManifest;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function openDataRoutes(gw: Gateway) {
  const app = new Hono<AppEnv>();
  const openData = () => openDataDirOf(gw.config.dataDir);
  app.use('/open-data', pageHeaders());
  // Programs on other sites read the catalog and the files (no credentials: nothing here is personal).
  const crossOrigin = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD'],
    allowHeaders: ['Range', 'If-Range', 'If-None-Match', 'If-Modified-Since'],
    exposeHeaders: ['ETag', 'Content-Range', 'Accept-Ranges', 'Content-Disposition'],
    maxAge: 86400,
  });
  // `/open-data/*` matches the page too, which stays same-origin.
  app.use('/open-data/*', (c, next) => (c.req.path === '/open-data' ? next() : crossOrigin(c, next)));

  app.get('/open-data', async (c) => {
    const p = pageContext(c);
    const days = listPublishedDays(openData()).reverse();
    const offset = pageOffset(c.req.query('offset'));
    const manifests = await Promise.all(
      days.slice(offset, offset + DAYS_PER_PAGE).map((date) => readManifest(gw, date)),
    );
    const shown = manifests.filter((m): m is DayManifest => m !== null);
    c.header('vary', 'Accept-Language, Cookie');
    return render(
      c,
      <OpenDataPage p={p} shown={{ days: shown, total: days.length, offset, limit: DAYS_PER_PAGE }} />,
    );
  });

  app.get('/open-data/catalog.json', async (c) => {
    // The latest day that can be read: a damaged one is logged by readManifest and passed over.
    let latest: DayManifest | null = null;
    for (const date of listPublishedDays(openData()).reverse())
      if ((latest = await readManifest(gw, date))) break;
    return c.body(JSON.stringify(dcatCatalog(gw.config.publicUrl, latest), null, 2), 200, {
      'content-type': 'application/ld+json; charset=utf-8',
      // A new day is published once a day: harvesters may keep it a while.
      'cache-control': 'public, max-age=300',
    });
  });

  app.get('/open-data/:date/:file', async (c) => {
    const date = c.req.param('date');
    const name = c.req.param('file');
    const manifest = await readManifest(gw, date);
    if (!manifest) throw notFound('published open-data day');
    const lastModified = new Date(manifest.generated_at).toUTCString();
    const dayDir = path.join(openData(), date);

    if (name === MANIFEST_FILE || name === SUMS_FILE) {
      // A few kilobytes: read, hashed for their ETag, served from memory.
      const bytes = await fs.promises.readFile(path.join(dayDir, name));
      return serveFile(c, {
        size: bytes.length,
        etag: `"${sha256(bytes)}"`,
        lastModified,
        type: name === MANIFEST_FILE ? 'application/json' : 'text/plain; charset=utf-8',
        open: (start, end) => bytes.subarray(start, end + 1),
      });
    }

    const entry = manifest.files.find((f) => f.path === name);
    if (!entry) throw notFound(`open-data file of ${date}`);
    const file = path.join(dayDir, entry.path);
    const stat = await fs.promises.lstat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (!stat) throw notFound(`open-data file of ${date}`);
    // Never sent under the manifest's ETag unless it is that file: a link or another size is not.
    if (!stat.isFile() || stat.size !== entry.bytes)
      throw new Error(`${file} is not the ${entry.bytes}-byte file its manifest lists`);
    return serveFile(c, {
      size: entry.bytes,
      etag: `"${entry.sha256}"`,
      lastModified,
      type: MEDIA_TYPES[entry.format],
      attachment: entry.path,
      open: (start, end) =>
        Readable.toWeb(fs.createReadStream(file, { start, end })) as unknown as ReadableStream<Uint8Array>,
    });
  });

  return app;
}
