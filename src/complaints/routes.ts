import { uploadLimit, uploadedFiles } from '../http/uploads.ts';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { platformOf } from '../filings/respond.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { DomainError, notFound } from '../errors.ts';
import { readJsonBody } from '../http/json-body.ts';
import { publicLimits } from '../http/rate-limit.ts';
import { validationHook } from '../http/schemas.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { addComplaintFiles } from './add-files.ts';
import {
  ACCESS_TOKEN_SCHEME,
  CODE,
  consumerActions,
  doc,
  LodgeSchema,
  MessageSchema,
  RegulatorStepSchema,
  ResponseSchema,
  RevealSchema,
  SHA256,
  ULID,
} from './route-docs.ts';
import { MAX_FILE_BYTES, storedFileName } from './files.ts';
import { complaintStep, lodgeComplaint, type StepActor, tokenMatches } from './service.ts';
import type { ComplaintRow } from './store.ts';
import { complaintView, revealComplainant } from './views.ts';
import type { ComplaintAction } from './workflow.ts';

// The console's lodging form and regulator steps read the same bodies.
export { LodgeSchema, RegulatorStepSchema };

const BEARER_RE = /^Bearer +([^\s]+) *$/i;

export function complaintRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // The same counter as the lodging form's (console/complaint-lodge.tsx): one allowance per address.
  const { lodging } = publicLimits(gw.config);
  const regulator = requireRole(gw.accounts, ['regulator', 'admin']);
  const platform = requireRole(gw.accounts, ['platform']);
  app.use('/v1/complaints', platform);
  app.use('/v1/complaints/*', platform);
  app.use('/v1/regulator/complaints', regulator);
  app.use('/v1/regulator/complaints/*', regulator);
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    ACCESS_TOKEN_SCHEME.name,
    ACCESS_TOKEN_SCHEME.scheme,
  );

  /** The complaint a consumer's code and token open; a wrong token looks like no complaint at all. */
  function consumerComplaint(c: Context<AppEnv>): ComplaintRow {
    const code = c.req.param('tracking_code') ?? '';
    const token = BEARER_RE.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token)
      throw new DomainError('unauthorized', 'send the access token as "Authorization: Bearer <token>"');
    const row = CODE.test(code) ? gw.complaints.byCode(code) : undefined;
    if (!row || !tokenMatches(row, token)) throw notFound('complaint');
    return row;
  }
  function platformComplaint(c: Context<AppEnv>): ComplaintRow {
    const id = c.req.param('complaint_id') ?? '';
    const row = ULID.test(id) ? gw.complaints.byId(id) : undefined;
    // Another platform's complaint does not exist for this one.
    if (!row || row.platform_id !== platformOf(c).platformId) throw notFound('complaint');
    return row;
  }
  function regulatorComplaint(c: Context<AppEnv>): ComplaintRow {
    const id = c.req.param('complaint_id') ?? '';
    const row = ULID.test(id) ? gw.complaints.byId(id) : undefined;
    if (!row) throw notFound('complaint');
    return row;
  }
  const consumer: StepActor = { role: 'consumer', id: null };
  const platformActor = (c: Context<AppEnv>): StepActor => ({
    role: 'platform',
    id: actorOf(c.get('principal')),
  });
  const regulatorActor = (c: Context<AppEnv>): StepActor => ({
    role: 'regulator',
    id: actorOf(c.get('principal')),
  });

  // Bodies are read by readJsonBody (limits, problems naming the field): documented, not validated, here.
  app.openAPIRegistry.registerPath(doc.lodge);
  app.post('/public/complaints', lodging, async (c) => {
    const input = await readJsonBody(c, LodgeSchema, 64 * 1024);
    let amount: number | null = null;
    if (input.amount_claimed !== undefined) {
      const currency = input.currency!.toUpperCase();
      const parsed = isCurrency(currency) ? parseMoney(input.amount_claimed, currency) : null;
      if (!parsed?.ok)
        throw new DomainError(
          'invalid_body',
          `amount_claimed: ${parsed ? parsed.reason : 'unknown currency'}`,
          {
            errors: [
              {
                field: parsed ? 'amount_claimed' : 'currency',
                message: parsed ? parsed.reason : 'unknown currency',
              },
            ],
          },
        );
      amount = parsed.minor;
    }
    // The order from the transactions store, which may be ClickHouse (asked before the verb's transaction).
    const platform = input.order_id ? gw.accounts.platformBySlug(input.platform) : undefined;
    const order = platform ? ((await gw.orders.history(platform.id, input.order_id!))[0] ?? null) : undefined;
    const { row, token } = lodgeComplaint(
      gw,
      { ...input, amount_minor: amount, currency: input.currency?.toUpperCase() ?? null },
      new Date(),
      order,
    );
    c.header('location', `/public/complaints/${row.tracking_code}`);
    c.header('cache-control', 'no-store');
    return c.json({ ...complaintView(gw, row, 'consumer'), access_token: token }, 201);
  });
  app.openAPIRegistry.registerPath(doc.track);
  app.get('/public/complaints/:tracking_code', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(complaintView(gw, consumerComplaint(c), 'consumer'), 200);
  });
  for (const [path, spec] of Object.entries(consumerActions)) {
    app.openAPIRegistry.registerPath(doc.consumerStep(path, spec));
    app.post(`/public/complaints/:tracking_code/${path}`, async (c) => {
      const row = consumerComplaint(c);
      const input = (await readJsonBody(c, spec.schema)) as { message?: string };
      const result = complaintStep(gw, row.id, spec.action(input.message) as ComplaintAction, consumer);
      return c.json(complaintView(gw, result.row, 'consumer'), 200);
    });
  }
  app.openAPIRegistry.registerPath(doc.addFile);
  app.post('/public/complaints/:tracking_code/files', uploadLimit(MAX_FILE_BYTES), async (c) => {
    const row = consumerComplaint(c);
    const uploads = await uploadedFiles(c);
    return c.json({ files: await addComplaintFiles(gw, row, uploads) }, 201);
  });
  const sendFile = async (c: Context<AppEnv>, row: ComplaintRow) => {
    const sha = c.req.param('sha256') ?? '';
    const file = SHA256.test(sha) ? gw.complaints.file(row.id, sha) : undefined;
    const bytes = file ? await gw.complaintFiles.get(sha) : undefined;
    if (!file || !bytes) throw notFound('file');
    // Named by its hash and sniffed type, whatever name it was uploaded or once kept with.
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.media_type,
      'content-disposition': `attachment; filename="${storedFileName(file.sha256, file.media_type)}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  };
  app.openAPIRegistry.registerPath(doc.consumerFile);
  app.get('/public/complaints/:tracking_code/files/:sha256', (c) => sendFile(c, consumerComplaint(c)));

  app.openapi(doc.platformList, (c) => {
    const { status, limit } = c.req.valid('query');
    const rows = gw.complaints.ofPlatform(platformOf(c).platformId, status, limit);
    return c.json({ complaints: rows.map((r) => complaintView(gw, r, 'platform')) }, 200);
  });
  app.openapi(doc.platformGet, (c) => c.json(complaintView(gw, platformComplaint(c), 'platform'), 200));
  app.openAPIRegistry.registerPath(doc.respond);
  app.post('/v1/complaints/:complaint_id/responses', async (c) => {
    const row = platformComplaint(c);
    const input = await readJsonBody(c, ResponseSchema);
    const result = complaintStep(gw, row.id, { type: 'respond', ...input }, platformActor(c));
    return c.json(complaintView(gw, result.row, 'platform'), 200);
  });
  app.openAPIRegistry.registerPath(doc.platformMessage);
  app.post('/v1/complaints/:complaint_id/messages', async (c) => {
    const row = platformComplaint(c);
    const input = await readJsonBody(c, MessageSchema);
    const result = complaintStep(gw, row.id, { type: 'message', ...input }, platformActor(c));
    return c.json(complaintView(gw, result.row, 'platform'), 200);
  });

  app.openapi(doc.queue, (c) => {
    const { status, limit, offset } = c.req.valid('query');
    const total = gw.complaints.queueCount(status);
    return c.json(
      {
        complaints: gw.complaints.queue(status, limit, offset).map((r) => complaintView(gw, r, 'regulator')),
        total,
        next_offset: offset + limit < total ? offset + limit : null,
      },
      200,
    );
  });
  app.openapi(doc.regulatorGet, (c) => c.json(complaintView(gw, regulatorComplaint(c), 'regulator'), 200));
  app.openAPIRegistry.registerPath(doc.regulatorStep);
  app.post('/v1/regulator/complaints/:complaint_id/steps', async (c) => {
    const row = regulatorComplaint(c);
    const input = await readJsonBody(c, RegulatorStepSchema);
    const result = complaintStep(gw, row.id, input as ComplaintAction, regulatorActor(c));
    return c.json(complaintView(gw, result.row, 'regulator'), 200);
  });
  app.openAPIRegistry.registerPath(doc.reveal);
  app.post('/v1/regulator/complaints/:complaint_id/reveal', async (c) => {
    const row = regulatorComplaint(c);
    const { reason } = await readJsonBody(c, RevealSchema);
    const complainant = revealComplainant(gw, row, {
      actor: actorOf(c.get('principal')),
      reason,
      via: 'api',
    });
    c.header('cache-control', 'no-store');
    return c.json({ complaint_id: row.id, complainant }, 200);
  });
  app.openAPIRegistry.registerPath(doc.regulatorFile);
  app.get('/v1/regulator/complaints/:complaint_id/files/:sha256', (c) => sendFile(c, regulatorComplaint(c)));
  return app;
}
