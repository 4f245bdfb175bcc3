import { uploadLimit, uploadedFiles } from '../http/uploads.ts';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { storedFileName } from '../complaints/files.ts';
import { DomainError, notFound } from '../errors.ts';
import { checkIdempotencyKey } from '../filings/idempotency.ts';
import { platformOf } from '../filings/respond.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { readJsonBody } from '../http/json-body.ts';
import { validationHook } from '../http/schemas.ts';
import { addLeadFiles, leadFileStore, MAX_FILE_BYTES } from './files.ts';
import { LEAD_BODY_MAX_BYTES, routes } from './openapi.ts';
import { AssignSchema, LeadInputSchema, LinkSchema, ReasonSchema, SHA256, ULID } from './schemas.ts';
import { fileLead } from './service.ts';
import { assignLead, closeLead, dismissLead, linkLead } from './workflow.ts';
import { type LeadRow, leadsStore } from './store.ts';
import { leadView } from './views.ts';

const page = (total: number, limit: number, offset: number) => ({
  total,
  next_offset: offset + limit < total ? offset + limit : null,
});

export function leadRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const store = leadsStore(gw.db);
  const platform = requireRole(gw.accounts, ['platform']);
  const regulator = requireRole(gw.accounts, ['regulator', 'admin']);
  app.use('/v1/leads', platform);
  app.use('/v1/leads/*', platform);
  app.use('/v1/regulator/leads', regulator);
  app.use('/v1/regulator/leads/*', regulator);

  const leadId = (c: Context<AppEnv>) => {
    const id = c.req.param('lead_id') ?? '';
    if (!ULID.test(id)) throw new DomainError('invalid_parameter', 'lead_id: not a lead id');
    return id;
  };
  /** The platform's own lead; another platform's lead does not exist for it. */
  const ownLead = (c: Context<AppEnv>): LeadRow => {
    const row = store.byId(leadId(c));
    if (!row || row.platform_id !== platformOf(c).platformId) throw notFound('lead');
    return row;
  };
  const anyLead = (c: Context<AppEnv>): LeadRow => {
    const row = store.byId(leadId(c));
    if (!row) throw notFound('lead');
    return row;
  };
  const sendFile = async (c: Context<AppEnv>, row: LeadRow) => {
    const sha = c.req.param('sha256') ?? '';
    if (!SHA256.test(sha)) throw new DomainError('invalid_parameter', 'sha256: not a SHA-256 hex digest');
    const file = store.file(row.id, sha);
    const bytes = file ? await leadFileStore(gw).get(sha) : undefined;
    if (!file || !bytes) throw notFound('file');
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.media_type,
      'content-disposition': `attachment; filename="${storedFileName(file.sha256, file.media_type)}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  };
  const actor = (c: Context<AppEnv>) => actorOf(c.get('principal'));

  // Bodies are read by readJsonBody (the size limit, 415, problems naming each field): documented here,
  // validated there, as the complaint and risk commands are.
  app.openAPIRegistry.registerPath(routes.file);
  app.post('/v1/leads', async (c) => {
    const p = platformOf(c);
    const key = checkIdempotencyKey(c.req.header('idempotency-key'));
    const input = await readJsonBody(c, LeadInputSchema, LEAD_BODY_MAX_BYTES);
    const { row, replayed } = fileLead(gw, { id: p.platformId, slug: p.slug }, input, key);
    c.header('location', `/v1/leads/${row.id}`);
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(leadView(gw, row, 'platform'), replayed ? 200 : 201);
  });
  app.openapi(routes.list, (c) => {
    const { status, updated_after, limit, offset } = c.req.valid('query');
    const platformId = platformOf(c).platformId;
    // Times are stored as UTC ISO strings: the filter compares in that form.
    const after = updated_after ? new Date(updated_after).toISOString() : '';
    const rows = store.ofPlatform(platformId, status, after, limit, offset);
    return c.json(
      {
        leads: rows.map((r) => leadView(gw, r, 'platform')),
        ...page(store.ofPlatformCount(platformId, status, after), limit, offset),
      },
      200,
    );
  });
  app.openapi(routes.one, (c) => c.json(leadView(gw, ownLead(c), 'platform'), 200));
  app.openAPIRegistry.registerPath(routes.addFiles);
  app.post('/v1/leads/:lead_id/files', uploadLimit(MAX_FILE_BYTES), async (c) => {
    const row = ownLead(c);
    const uploads = await uploadedFiles(c);
    const p = platformOf(c);
    return c.json(
      { files: await addLeadFiles(gw, { id: p.platformId, slug: p.slug }, row.id, uploads) },
      201,
    );
  });
  app.openAPIRegistry.registerPath(routes.platformFile);
  app.get('/v1/leads/:lead_id/files/:sha256', (c) => sendFile(c, ownLead(c)));

  app.openapi(routes.queue, (c) => {
    const { status, platform: slug, category, limit, offset } = c.req.valid('query');
    // An unknown platform has no leads: an empty page, not an error (the filter is a filter).
    const platformId = slug === undefined ? undefined : (gw.accounts.platformBySlug(slug)?.id ?? -1);
    const filter = { status, platform_id: platformId, category };
    return c.json(
      {
        leads: store.queue(filter, limit, offset).map((r) => leadView(gw, r, 'regulator')),
        ...page(store.queueCount(filter), limit, offset),
      },
      200,
    );
  });
  app.openapi(routes.regulatorOne, (c) => c.json(leadView(gw, anyLead(c), 'regulator'), 200));
  app.openAPIRegistry.registerPath(routes.regulatorFile);
  app.get('/v1/regulator/leads/:lead_id/files/:sha256', (c) => sendFile(c, anyLead(c)));

  app.openAPIRegistry.registerPath(routes.assign);
  app.post('/v1/regulator/leads/:lead_id/assign', async (c) => {
    const id = leadId(c);
    // The body is optional: none (no Content-Type, nothing sent) assigns the caller.
    const sent =
      c.req.header('content-type') !== undefined || Number(c.req.header('content-length') ?? 0) > 0;
    const input = sent ? await readJsonBody(c, AssignSchema) : {};
    return c.json(leadView(gw, assignLead(gw, id, input, actor(c)), 'regulator'), 200);
  });
  app.openAPIRegistry.registerPath(routes.link);
  app.post('/v1/regulator/leads/:lead_id/links', async (c) => {
    const id = leadId(c);
    const input = await readJsonBody(c, LinkSchema);
    return c.json(leadView(gw, linkLead(gw, id, input, actor(c)), 'regulator'), 200);
  });
  app.openAPIRegistry.registerPath(routes.dismiss);
  app.post('/v1/regulator/leads/:lead_id/dismiss', async (c) => {
    const id = leadId(c);
    const input = await readJsonBody(c, ReasonSchema);
    return c.json(leadView(gw, dismissLead(gw, id, input, actor(c)), 'regulator'), 200);
  });
  app.openAPIRegistry.registerPath(routes.close);
  app.post('/v1/regulator/leads/:lead_id/close', async (c) => {
    const id = leadId(c);
    const input = await readJsonBody(c, ReasonSchema);
    return c.json(leadView(gw, closeLead(gw, id, input, actor(c)), 'regulator'), 200);
  });
  return app;
}
