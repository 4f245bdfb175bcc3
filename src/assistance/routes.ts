import { Readable } from 'node:stream';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { limitedBody, requestBody } from '../filings/body.ts';
import { booleanQuery, platformOf } from '../filings/respond.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { DomainError, notFound } from '../errors.ts';
import { readJsonBody } from '../http/json-body.ts';
import { validationHook } from '../http/schemas.ts';
import { chinaToday } from '../lib/dates.ts';
import { answerAssistanceRequest } from './answer.ts';
import { AnswerFiles } from './files.ts';
import { doc, ULID } from './route-docs.ts';
import { CancelSchema, NewRequestSchema } from './schemas.ts';
import { cancelRequest, recordAnswerDownload, recordPlatformView, requestAssistance } from './service.ts';
import { assistanceOf, type RequestRow } from './store.ts';
import {
  ANSWER_MEDIA_TYPES,
  type AnswerMediaType,
  FILE_EXTENSIONS,
  MAX_ANSWER_BYTES,
  MEDIA_TYPE_ALIASES,
} from './terms.ts';
import { requestView } from './views.ts';

/** The Content-Type of an answer: one of the three (or an alias), text in UTF-8. */
function answerMediaType(header: string | undefined): AnswerMediaType {
  const [raw = '', ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  const type = MEDIA_TYPE_ALIASES[raw];
  if (!type)
    throw new DomainError(
      'unsupported_media_type',
      `Content-Type ${raw ? `"${raw}"` : '(none)'} is not accepted here; send one of ${ANSWER_MEDIA_TYPES.join(', ')}`,
      { accepted: ANSWER_MEDIA_TYPES },
    );
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8')
      throw new DomainError('unsupported_media_type', `charset "${value}" is not accepted; send UTF-8`, {
        accepted: ANSWER_MEDIA_TYPES,
      });
  }
  return type;
}

export function assistanceRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const store = assistanceOf(gw.db);
  const files = AnswerFiles.of(gw.config.dataDir);
  const regulator = requireRole(gw.accounts, ['regulator', 'admin']);
  const platform = requireRole(gw.accounts, ['platform']);
  app.use('/v1/regulator/assistance-requests', regulator);
  app.use('/v1/regulator/assistance-requests/*', regulator);
  app.use('/v1/assistance-requests', platform);
  app.use('/v1/assistance-requests/*', platform);

  const regulatorRequest = (c: Context<AppEnv>): RequestRow => {
    const id = c.req.param('request_id') ?? '';
    const row = ULID.test(id) ? store.byId(id) : undefined;
    if (!row) throw notFound('assistance request');
    return row;
  };
  const platformRequest = (c: Context<AppEnv>): RequestRow => {
    const id = c.req.param('request_id') ?? '';
    const row = ULID.test(id) ? store.byId(id) : undefined;
    // Another platform's request does not exist for this one.
    if (!row || row.platform_id !== platformOf(c).platformId) throw notFound('assistance request');
    return row;
  };
  const page = (
    rows: RequestRow[],
    total: number,
    limit: number,
    offset: number,
    audience: 'regulator' | 'platform',
  ) => ({
    requests: rows.map((r) => requestView(gw, r, audience)),
    total,
    next_offset: offset + limit < total ? offset + limit : null,
  });

  app.openAPIRegistry.registerPath(doc.create);
  app.post('/v1/regulator/assistance-requests', async (c) => {
    const input = await readJsonBody(c, NewRequestSchema, 64 * 1024);
    const row = requestAssistance(gw, input, actorOf(c.get('principal')));
    c.header('location', `/v1/regulator/assistance-requests/${row.id}`);
    return c.json(requestView(gw, row, 'regulator'), 201);
  });
  app.openapi(doc.list, (c) => {
    const { status, platform: slug, limit, offset } = c.req.valid('query');
    const p = slug === undefined ? undefined : gw.accounts.platformBySlug(slug);
    if (slug !== undefined && (!p || p.kind !== 'platform'))
      throw new DomainError('invalid_parameter', `platform: no platform "${slug}"`, {
        errors: [{ field: 'platform', message: 'no such platform' }],
      });
    const filter = { status, platformId: p?.id, today: chinaToday() };
    return c.json(
      page(store.list({ ...filter, limit, offset }), store.count(filter), limit, offset, 'regulator'),
      200,
    );
  });
  app.openapi(doc.get, (c) => c.json(requestView(gw, regulatorRequest(c), 'regulator'), 200));
  app.openAPIRegistry.registerPath(doc.cancel);
  app.post('/v1/regulator/assistance-requests/:request_id/cancel', async (c) => {
    const row = regulatorRequest(c);
    const { reason } = await readJsonBody(c, CancelSchema);
    return c.json(
      requestView(gw, cancelRequest(gw, row.id, reason, actorOf(c.get('principal'))), 'regulator'),
      200,
    );
  });
  app.openapi(doc.download, async (c) => {
    const row = regulatorRequest(c);
    const answer = store.answer(row.id, c.req.valid('param').answer_id);
    if (!answer || !files.has(answer.sha256)) throw notFound('answer');
    recordAnswerDownload(gw, answer, actorOf(c.get('principal')), 'api');
    const body = Readable.toWeb(files.open(answer.sha256)) as ReadableStream<Uint8Array>;
    return c.body(body, 200, {
      'content-type': answer.media_type,
      'content-length': String(answer.bytes),
      'content-disposition': `attachment; filename="${row.id}-part${answer.part}.${FILE_EXTENSIONS[answer.media_type]}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      digest: `sha-256=${Buffer.from(answer.sha256, 'hex').toString('base64')}`,
    }) as never;
  });

  app.openapi(doc.platformList, (c) => {
    const { status, limit, offset } = c.req.valid('query');
    const principal = platformOf(c);
    const filter = { status, platformId: principal.platformId, today: chinaToday() };
    const rows = recordPlatformView(gw, store.list({ ...filter, limit, offset }), actorOf(principal));
    return c.json(page(rows, store.count(filter), limit, offset, 'platform'), 200);
  });
  app.openapi(doc.platformGet, (c) => {
    const [row] = recordPlatformView(gw, [platformRequest(c)], actorOf(c.get('principal')));
    return c.json(requestView(gw, row!, 'platform'), 200);
  });
  app.openAPIRegistry.registerPath(doc.answer);
  app.post('/v1/assistance-requests/:request_id/answers', async (c) => {
    const row = platformRequest(c);
    const principal = platformOf(c);
    if (row.status !== 'open')
      throw new DomainError('conflict', `the request is ${row.status}: it takes no more answers`, {
        status: row.status,
      });
    const mediaType = answerMediaType(c.req.header('content-type'));
    const final = c.req.query('final') === undefined ? true : booleanQuery(c, 'final');
    try {
      const body = limitedBody(
        requestBody(c),
        c.req.header('content-length'),
        MAX_ANSWER_BYTES,
        gw.config.filingStallMs,
      );
      const { receipt } = await answerAssistanceRequest(gw, {
        requestId: row.id,
        platform: { id: principal.platformId, slug: principal.slug },
        mediaType,
        chunks: body.chunks,
        final,
        actor: actorOf(principal),
      });
      c.header('location', `/v1/assistance-requests/${row.id}/answers/${receipt.answer_id}`);
      return c.json(receipt, 201);
    } catch (err) {
      // The limiter speaks of filings; say what a platform answering a request can do.
      if (err instanceof DomainError && err.code === 'payload_too_large')
        throw new DomainError(
          'payload_too_large',
          `an answer file is at most ${MAX_ANSWER_BYTES} bytes (64 MiB); send the records in several parts, all but the last with ?final=false`,
          { limit_bytes: MAX_ANSWER_BYTES },
        );
      throw err;
    }
  });
  app.openapi(doc.receipt, (c) => {
    const row = platformRequest(c);
    const answer = store.answer(row.id, c.req.valid('param').answer_id);
    if (!answer) throw notFound('answer');
    return c.json(JSON.parse(answer.receipt) as Record<string, unknown>, 200);
  });
  return app;
}
