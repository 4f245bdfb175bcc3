import { signedAuditHead } from '../audit/checkpoint.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { platformOf } from '../filings/respond.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { DomainError, notFound } from '../errors.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  COMMAND_PROBLEMS,
  jsonBodyLimits,
  jsonResponse,
  problem,
  READ_PROBLEMS,
  validationHook,
} from '../http/schemas.ts';
import { CREDIT_EXAMPLES, CREDIT_INPUTS } from './examples.ts';
import { isCalendarDate } from '../lib/dates.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { scoreSubject } from './model.ts';
import { penaltyState, SECTORS } from './rules.ts';
import {
  acknowledgeAlert,
  enterList,
  fileCommitment,
  overturnPenalty,
  publishPenalty,
  recordPenalty,
  removeFromList,
  repairPenalty,
} from './service.ts';
import { confirmSubjectName, MAX_NAME_LENGTH } from './subject-name.ts';
import { regulatorSubjectRecord } from './subject-record.ts';
import { regulatorPenalty } from './views.ts';

const ULID = /^[0-9A-Z]{26}$/;
const date = (what: string) =>
  z
    .string()
    .refine(isCalendarDate, `${what} must be a calendar date YYYY-MM-DD`)
    .openapi({ example: '2026-03-02' });
const text = (max: number) => z.string().trim().min(1).max(max);
const ID = z.string().regex(ULID);

export const PenaltyInputSchema = z
  .object({
    decision_number: text(100).openapi({ example: '京市监罚〔2026〕123号' }),
    subject_id: z.string().regex(ULID),
    store: z
      .object({ platform: z.string().min(1).max(64), seller_id: z.string().regex(SELLER_ID) })
      .strict()
      .optional()
      .openapi({ description: 'The store the decision concerns, where it concerns one.' }),
    authority: text(200),
    facts: text(5000),
    legal_basis: text(1000),
    penalty: text(1000).openapi({ description: 'What was imposed, e.g. "warning; fine of CNY 20,000".' }),
    severity: z.enum(['minor', 'moderate', 'serious']).openapi({
      description: 'minor: published for 3 months (simplified procedure); moderate and serious: 3 years.',
    }),
    sector: z
      .enum(SECTORS as [string, ...string[]])
      .default('general')
      .openapi({
        description: 'food, drugs and special_equipment wait a year before repair, others 6 months.',
      }),
    decided_on: date('decided_on'),
    publish: z.boolean().default(false).openapi({ description: 'Publish at once.' }),
  })
  .strict()
  .openapi('PenaltyInput', { example: CREDIT_INPUTS.penalty });

const WithdrawSchema = z
  .object({ overturned_on: date('overturned_on'), reason: text(1000) })
  .strict()
  .openapi('PenaltyWithdrawal', { example: CREDIT_INPUTS.withdrawal });
const ReasonSchema = z
  .object({ reason: text(1000) })
  .strict()
  .openapi('Reason', { example: CREDIT_INPUTS.reason });

export const ListEntryInputSchema = z
  .object({
    subject_id: z.string().regex(ULID),
    reason: text(1000),
    legal_basis: text(1000),
    entered_on: date('entered_on')
      .optional()
      .openapi({ description: 'Default: today (China Standard Time).' }),
    penalty_id: z
      .string()
      .regex(ULID)
      .optional()
      .openapi({ description: 'Serious list: the qualifying penalty.' }),
    from_entry: z
      .string()
      .regex(ULID)
      .optional()
      .openapi({ description: 'Serious list: the abnormal-list entry proposed for it after 3 years.' }),
  })
  .strict()
  .openapi('ListEntryInput', { example: CREDIT_INPUTS.entry });

const RemovalSchema = z
  .object({ reason: z.enum(['repaired', 'error']), note: text(1000) })
  .strict()
  .openapi('ListRemoval', { example: CREDIT_INPUTS.removal });

export const CommitmentSchema = z
  .object({
    text: text(10_000),
    signatory: text(200).openapi({ description: 'Who signed for the seller.' }),
    signed_on: date('signed_on'),
  })
  .strict()
  .openapi('CreditCommitment', { example: CREDIT_INPUTS.commitment });

export const NameConfirmationSchema = z
  .object({
    legal_name: text(MAX_NAME_LENGTH).openapi({
      description:
        'The name the subject is shown under from now on, whatever platforms file (a natural person’s is shown masked).',
      example: '杭州示例商贸有限公司',
    }),
    reason: text(1000).openapi({ example: '核对国家企业信用信息公示系统登记名称' }),
  })
  .strict()
  .openapi('SubjectNameConfirmation', { example: CREDIT_INPUTS.name });

const LIST = z.object({ list: z.enum(['abnormal', 'serious']) });

const routes = {
  subject: createRoute({
    method: 'get',
    path: '/v1/regulator/subjects/{subject_id}',
    tags: ['Credit'],
    operationId: 'getSubject',
    summary: "A subject's whole record: sellers on every platform, events, score, lists, penalties, marks",
    security: BEARER,
    request: { params: z.object({ subject_id: ID }) },
    responses: {
      200: jsonResponse('The record; ID numbers stay masked.', CREDIT_EXAMPLES.subject),
      ...READ_PROBLEMS,
      404: problem('No such subject.'),
    },
  }),
  confirmName: createRoute({
    method: 'post',
    path: '/v1/regulator/subjects/{subject_id}/name',
    tags: ['Credit'],
    operationId: 'confirmSubjectName',
    summary: 'Confirm the name a subject is shown under',
    description:
      'Without a confirmation a subject shows the name most platforms with an open store file (compared normalised), ties going to the name filed first; no one platform can rename it. A confirmed name wins until another confirmation. Audited.',
    security: BEARER,
    request: {
      params: z.object({ subject_id: ID }),
      body: { required: true, content: { 'application/json': { schema: NameConfirmationSchema } } },
    },
    responses: {
      200: jsonResponse(
        'The subject’s name: shown, basis (confirmed | majority | first_filed), the confirmation, the names counted and filed, the conflict that stands.',
        CREDIT_EXAMPLES.name,
      ),
      ...COMMAND_PROBLEMS,
      404: problem('No such subject.'),
    },
  }),
  credit: createRoute({
    method: 'get',
    path: '/v1/regulator/subjects/{subject_id}/credit',
    tags: ['Credit'],
    operationId: 'getSubjectCredit',
    summary: "A subject's credit: score, tier, explanation and every event",
    security: BEARER,
    request: { params: z.object({ subject_id: ID }) },
    responses: {
      200: jsonResponse('Scored now with the current model (docs/credit-model.md).', CREDIT_EXAMPLES.credit),
      ...READ_PROBLEMS,
      404: problem('No such subject.'),
    },
  }),
  recordPenalty: createRoute({
    method: 'post',
    path: '/v1/regulator/penalties',
    tags: ['Credit'],
    operationId: 'recordPenalty',
    summary: 'Record an administrative penalty decision',
    description:
      'The gateway computes the publication deadline (20 working days after the decision). Published, the penalty is public for 3 months (minor) or 3 years and counts in the credit score.',
    security: BEARER,
    request: { body: { required: true, content: { 'application/json': { schema: PenaltyInputSchema } } } },
    responses: {
      201: jsonResponse('The penalty.', CREDIT_EXAMPLES.penalty),
      ...badRequest(BAD_JSON),
      ...AUTH_PROBLEMS,
      ...jsonBodyLimits(),
      404: problem('No such subject or store.'),
      409: problem('The decision number is recorded already.'),
    },
  }),
  penalties: createRoute({
    method: 'get',
    path: '/v1/regulator/penalties',
    tags: ['Credit'],
    operationId: 'listPenalties',
    summary: 'Penalties: the unpublished and overdue ones by deadline, or the latest recorded',
    security: BEARER,
    request: {
      query: z.object({
        state: z.enum(['unpublished', 'overdue', 'all']).default('all'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: {
      200: jsonResponse('The penalties.', CREDIT_EXAMPLES.penalties),
      ...READ_PROBLEMS,
    },
  }),
  penalty: createRoute({
    method: 'get',
    path: '/v1/regulator/penalties/{penalty_id}',
    tags: ['Credit'],
    operationId: 'getPenalty',
    summary: 'A penalty with its state and deadlines',
    security: BEARER,
    request: { params: z.object({ penalty_id: ID }) },
    responses: {
      200: jsonResponse('The penalty.', CREDIT_EXAMPLES.penalty),
      ...READ_PROBLEMS,
      404: problem('No such penalty.'),
    },
  }),
  publish: createRoute({
    method: 'post',
    path: '/v1/regulator/penalties/{penalty_id}/publish',
    tags: ['Credit'],
    operationId: 'publishPenalty',
    summary: 'Publish a penalty',
    security: BEARER,
    request: { params: z.object({ penalty_id: ID }) },
    responses: {
      200: jsonResponse(
        'The published penalty; published_late says whether its deadline had passed.',
        CREDIT_EXAMPLES.published,
      ),
      ...READ_PROBLEMS,
      404: problem('No such penalty.'),
      409: problem('Published or withdrawn already.'),
    },
  }),
  withdraw: createRoute({
    method: 'post',
    path: '/v1/regulator/penalties/{penalty_id}/withdraw',
    tags: ['Credit'],
    operationId: 'withdrawPenalty',
    summary: 'Withdraw an overturned penalty (due within 3 working days of the overturning)',
    security: BEARER,
    request: {
      params: z.object({ penalty_id: ID }),
      body: { required: true, content: { 'application/json': { schema: WithdrawSchema } } },
    },
    responses: {
      200: jsonResponse(
        'The withdrawn penalty; withdrawn_late says whether the 3 working days had passed.',
        CREDIT_EXAMPLES.withdrawn,
      ),
      ...COMMAND_PROBLEMS,
      404: problem('No such penalty.'),
      409: problem('Withdrawn already.'),
    },
  }),
  repair: createRoute({
    method: 'post',
    path: '/v1/regulator/penalties/{penalty_id}/repair',
    tags: ['Credit'],
    operationId: 'repairPenalty',
    summary: 'Credit repair: end the publication of a penalty early',
    description:
      'From 6 months after publication (1 year for food, drugs and special equipment); not for minor penalties.',
    security: BEARER,
    request: {
      params: z.object({ penalty_id: ID }),
      body: { required: true, content: { 'application/json': { schema: ReasonSchema } } },
    },
    responses: {
      200: jsonResponse('The repaired penalty.', CREDIT_EXAMPLES.repaired),
      ...COMMAND_PROBLEMS,
      404: problem('No such penalty.'),
      409: problem('repair_not_eligible, with the date it becomes possible.'),
    },
  }),
  enter: createRoute({
    method: 'post',
    path: '/v1/regulator/lists/{list}/entries',
    tags: ['Credit'],
    operationId: 'addListEntry',
    summary: 'Put a subject on the abnormal-operations list or the serious illegal and dishonest list',
    description:
      'The serious list needs a qualifying penalty (not minor, not withdrawn) or an abnormal-list entry proposed for it. Listing revokes the subject’s trust marks and crawls its stores first.',
    security: BEARER,
    request: {
      params: LIST,
      body: { required: true, content: { 'application/json': { schema: ListEntryInputSchema } } },
    },
    responses: {
      201: jsonResponse(
        'The entry, the revoked marks and the crawl of the subject’s stores.',
        CREDIT_EXAMPLES.entered,
      ),
      ...COMMAND_PROBLEMS,
      404: problem('No such subject, penalty or entry.'),
      409: problem('already_listed or basis_not_qualifying.'),
    },
  }),
  entries: createRoute({
    method: 'get',
    path: '/v1/regulator/lists/{list}/entries',
    tags: ['Credit'],
    operationId: 'listListEntries',
    summary: 'The entries of a list: open, proposed for the serious list, removed',
    security: BEARER,
    request: {
      params: LIST,
      query: z.object({
        status: z.enum(['open', 'proposed', 'removed', 'all']).default('open'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: {
      200: jsonResponse('The entries, newest first.', CREDIT_EXAMPLES.entries),
      ...READ_PROBLEMS,
    },
  }),
  remove: createRoute({
    method: 'post',
    path: '/v1/regulator/lists/{list}/entries/{entry_id}/remove',
    tags: ['Credit'],
    operationId: 'removeListEntry',
    summary: 'Remove a subject from a list after credit repair, or an entry made in error',
    description:
      'Repair removes a serious-list entry from a year after entry; an abnormal-list entry at any time.',
    security: BEARER,
    request: {
      params: LIST.extend({ entry_id: z.string().regex(ULID) }),
      body: { required: true, content: { 'application/json': { schema: RemovalSchema } } },
    },
    responses: {
      200: jsonResponse('The removed entry.', CREDIT_EXAMPLES.removed),
      ...COMMAND_PROBLEMS,
      404: problem('No such entry.'),
      409: problem('Removed already, or repair_not_eligible.'),
    },
  }),
  alerts: createRoute({
    method: 'get',
    path: '/v1/regulator/alerts',
    tags: ['Credit'],
    operationId: 'listAlerts',
    summary:
      'Open alerts: subjects on the serious list filed again by a platform, and platforms filing different names for one subject',
    security: BEARER,
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
    responses: {
      200: jsonResponse('The open alerts, newest first.', CREDIT_EXAMPLES.alerts),
      ...READ_PROBLEMS,
    },
  }),
  acknowledge: createRoute({
    method: 'post',
    path: '/v1/regulator/alerts/{alert_id}/acknowledge',
    tags: ['Credit'],
    operationId: 'acknowledgeAlert',
    summary: 'Acknowledge an alert',
    security: BEARER,
    request: { params: z.object({ alert_id: ID }) },
    responses: {
      200: jsonResponse('The alert.', CREDIT_EXAMPLES.acknowledged),
      ...READ_PROBLEMS,
      404: problem('No such alert.'),
      409: problem('Acknowledged already.'),
    },
  }),
  audit: createRoute({
    method: 'get',
    path: '/v1/regulator/audit',
    tags: ['Credit'],
    operationId: 'listAuditEntries',
    summary: 'The audit log, newest first (hash-chained; `marketgate audit verify` checks the chain)',
    security: BEARER,
    request: {
      query: z.object({
        before: z.coerce
          .number()
          .int()
          .min(1)
          .optional()
          .openapi({ description: 'Entries before this seq (paging).' }),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: {
      200: jsonResponse('The entries.', CREDIT_EXAMPLES.audit),
      ...READ_PROBLEMS,
    },
  }),
  auditHead: createRoute({
    method: 'get',
    path: '/v1/regulator/audit/head',
    tags: ['Credit'],
    operationId: 'getAuditHead',
    summary: "The audit log's head, signed: keep it where the gateway cannot write",
    description:
      'The chain shows any entry changed, removed or reordered, but not entries cut off at its end. A checkpoint kept elsewhere shows that too: `marketgate audit verify --checkpoint FILE`. Signed with the key of GET /v1/receipt-key, over the canonical JSON of `payload`.',
    security: BEARER,
    responses: {
      200: jsonResponse(
        'The signed head: {"payload":{"kind","seq","hash","at","key_id"},"signature"}.',
        CREDIT_EXAMPLES.auditHead,
      ),
      ...AUTH_PROBLEMS,
    },
  }),
  commitment: createRoute({
    method: 'post',
    path: '/v1/sellers/{seller_id}/commitments',
    tags: ['Credit'],
    operationId: 'fileCommitment',
    summary: "File a seller's signed credit commitment",
    description: 'It counts for the seller’s market subject once a year at most (docs/credit-model.md).',
    security: BEARER,
    request: {
      params: z.object({ seller_id: z.string().regex(SELLER_ID) }),
      body: { required: true, content: { 'application/json': { schema: CommitmentSchema } } },
    },
    responses: {
      201: jsonResponse(
        'The commitment; counted says whether it wrote a credit event.',
        CREDIT_EXAMPLES.commitment,
        z.object({
          commitment_id: z.string(),
          subject_id: z.string(),
          counted: z.boolean(),
          filed_at: z.string(),
        }),
      ),
      ...COMMAND_PROBLEMS,
      404: problem('No such seller on this platform.'),
    },
  }),
};

export function creditRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const regulator = requireRole(gw.accounts, ['regulator', 'admin']);
  app.use('/v1/regulator/subjects/*', regulator);
  app.use('/v1/regulator/penalties/*', regulator);
  app.use('/v1/regulator/penalties', regulator);
  app.use('/v1/regulator/lists/*', regulator);
  app.use('/v1/regulator/alerts/*', regulator);
  app.use('/v1/regulator/alerts', regulator);
  app.use('/v1/regulator/audit', regulator);
  app.use('/v1/regulator/audit/*', regulator);
  app.use('/v1/sellers/:seller_id/commitments', requireRole(gw.accounts, ['platform']));
  const param = (value: string, name: string) => {
    if (!ULID.test(value)) throw new DomainError('invalid_parameter', `${name}: not an id`);
    return value;
  };
  const listParam = (value: string) => {
    if (value !== 'abnormal' && value !== 'serious')
      throw new DomainError('invalid_parameter', 'list: must be abnormal or serious');
    return value;
  };

  app.openapi(routes.subject, (c) => {
    return c.json(regulatorSubjectRecord(gw, c.req.valid('param').subject_id), 200);
  });
  app.openAPIRegistry.registerPath(routes.confirmName);
  app.post('/v1/regulator/subjects/:subject_id/name', async (c) => {
    const id = param(c.req.param('subject_id'), 'subject_id');
    const body = await readJsonBody(c, NameConfirmationSchema);
    return c.json(confirmSubjectName(gw, id, body, actorOf(c.get('principal'))), 200);
  });
  app.openapi(routes.credit, (c) => {
    const { subject_id } = c.req.valid('param');
    if (!gw.sellers.subjectExists(subject_id)) throw notFound('subject');
    const events = gw.credit.eventsOf(subject_id);
    return c.json(
      {
        subject_id,
        score: { ...scoreSubject(events, new Date()) },
        events: events.map((e) => ({ ...e, public: e.public === 1 })),
      },
      200,
    );
  });

  // Bodies are read by readJsonBody (limits, problems naming the field): documented, not validated, here.
  app.openAPIRegistry.registerPath(routes.recordPenalty);
  app.post(routes.recordPenalty.path, async (c) => {
    const body = await readJsonBody(c, PenaltyInputSchema);
    let store: { platform_id: number; seller_id: string } | undefined;
    if (body.store) {
      const platform = gw.accounts.platformBySlug(body.store.platform);
      if (!platform) throw notFound('platform');
      store = { platform_id: platform.id, seller_id: body.store.seller_id };
    }
    const penalty = recordPenalty(
      gw,
      { ...body, sector: body.sector as (typeof SECTORS)[number], store },
      actorOf(c.get('principal')),
    );
    c.header('location', `/v1/regulator/penalties/${penalty.id}`);
    return c.json(regulatorPenalty(penalty, new Date()), 201);
  });
  app.openapi(routes.penalties, (c) => {
    const { state, limit } = c.req.valid('query');
    const now = new Date();
    const rows =
      state === 'all'
        ? gw.creditRecords.recentPenalties(limit)
        : gw.creditRecords
            .unpublishedPenalties(limit)
            .filter((p) => state === 'unpublished' || penaltyState(p, now) === 'overdue');
    return c.json({ penalties: rows.map((p) => regulatorPenalty(p, now)) }, 200);
  });
  app.openapi(routes.penalty, (c) => {
    const penalty = gw.creditRecords.penalty(c.req.valid('param').penalty_id);
    if (!penalty) throw notFound('penalty');
    return c.json(regulatorPenalty(penalty, new Date()), 200);
  });
  app.openapi(routes.publish, (c) => {
    const penalty = publishPenalty(gw, c.req.valid('param').penalty_id, actorOf(c.get('principal')));
    return c.json(regulatorPenalty(penalty, new Date()), 200);
  });
  app.openAPIRegistry.registerPath(routes.withdraw);
  app.post('/v1/regulator/penalties/:penalty_id/withdraw', async (c) => {
    const id = param(c.req.param('penalty_id'), 'penalty_id');
    const body = await readJsonBody(c, WithdrawSchema);
    return c.json(
      regulatorPenalty(overturnPenalty(gw, id, body, actorOf(c.get('principal'))), new Date()),
      200,
    );
  });
  app.openAPIRegistry.registerPath(routes.repair);
  app.post('/v1/regulator/penalties/:penalty_id/repair', async (c) => {
    const id = param(c.req.param('penalty_id'), 'penalty_id');
    const body = await readJsonBody(c, ReasonSchema);
    return c.json(
      regulatorPenalty(repairPenalty(gw, id, body, actorOf(c.get('principal'))), new Date()),
      200,
    );
  });

  app.openAPIRegistry.registerPath(routes.enter);
  app.post('/v1/regulator/lists/:list/entries', async (c) => {
    const list = listParam(c.req.param('list'));
    const body = await readJsonBody(c, ListEntryInputSchema);
    const result = enterList(gw, list, body, actorOf(c.get('principal')));
    c.header('location', `/v1/regulator/subjects/${result.entry.subject_id}`);
    return c.json(result, 201);
  });
  app.openapi(routes.entries, (c) => {
    const { list } = c.req.valid('param');
    const { status, limit } = c.req.valid('query');
    return c.json({ entries: gw.creditRecords.entries(list, status, limit) }, 200);
  });
  app.openAPIRegistry.registerPath(routes.remove);
  app.post('/v1/regulator/lists/:list/entries/:entry_id/remove', async (c) => {
    const list = listParam(c.req.param('list'));
    const id = param(c.req.param('entry_id'), 'entry_id');
    const body = await readJsonBody(c, RemovalSchema);
    const entry = gw.creditRecords.entry(id);
    if (!entry || entry.list !== list) throw notFound('list entry');
    return c.json(removeFromList(gw, id, body, actorOf(c.get('principal'))), 200);
  });

  app.openapi(routes.alerts, (c) =>
    c.json({ alerts: gw.creditRecords.openAlerts(c.req.valid('query').limit) }, 200),
  );
  app.openapi(routes.acknowledge, (c) =>
    c.json(acknowledgeAlert(gw, c.req.valid('param').alert_id, actorOf(c.get('principal'))), 200),
  );
  app.openapi(routes.audit, (c) => {
    const { before, limit } = c.req.valid('query');
    const entries = gw.audit.recent(before ?? Number.MAX_SAFE_INTEGER, limit);
    return c.json(
      {
        entries: entries.map((e) => ({ ...e, detail: JSON.parse(e.detail) as unknown })),
        next_before: entries.length === limit ? entries.at(-1)!.seq : null,
      },
      200,
    );
  });

  app.openapi(routes.auditHead, (c) => c.json(signedAuditHead(gw.audit, gw.keys), 200));

  app.openAPIRegistry.registerPath(routes.commitment);
  app.post('/v1/sellers/:seller_id/commitments', async (c) => {
    const sellerId = c.req.param('seller_id');
    if (!SELLER_ID.test(sellerId)) throw new DomainError('invalid_parameter', 'seller_id: not a seller id');
    const body = await readJsonBody(c, CommitmentSchema);
    const platform = platformOf(c);
    return c.json(fileCommitment(gw, { platform_id: platform.platformId, seller_id: sellerId }, body), 201);
  });
  return app;
}
