import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import type { Gateway } from '../gateway-types.ts';
import type { AppEnv } from '../http/env.ts';
import { NO_KEY, PARAMETER_PROBLEMS, problem, RATE_LIMITED, validationHook } from '../http/schemas.ts';
import { CREDIT_EXAMPLES } from './examples.ts';
import { findSubjects, SEARCH_LIMIT, SEARCH_MAX_LIMIT } from './search.ts';
import { type PublicSubjectView, publicSearchHit } from './views.ts';

const ExplanationLine = z.object({
  event_id: z.string(),
  kind: z.string(),
  severity: z.string(),
  occurred_at: z.string(),
  weight: z.number(),
  decay: z.number(),
  points: z.number(),
});

const PublicCreditSchema = z
  .object({
    subject_id: z.string(),
    kind: z.enum(['enterprise', 'individual_business', 'natural_person']),
    name: z.string().openapi({ description: "A natural person's name is masked (张**)." }),
    uscc: z.string().nullable(),
    credit: z.object({
      model_version: z.string(),
      at: z.string(),
      score: z.number(),
      tier: z.enum(['A', 'B', 'C', 'D']),
      tier_rule: z.enum(['score', 'serious_list', 'abnormal_list']),
      explanation: z
        .array(ExplanationLine)
        .openapi({ description: 'The public events that moved the score.' }),
    }),
    stores: z.array(
      z.object({
        platform: z.string(),
        platform_name: z.string(),
        store_name: z.string(),
        store_url: z.string(),
        status: z.string(),
      }),
    ),
    lists: z.array(
      z.object({
        list: z.enum(['abnormal', 'serious']),
        reason: z.string(),
        legal_basis: z.string(),
        entered_on: z.string(),
        ends_on: z.string().nullable(),
      }),
    ),
    penalties: z.array(
      z.object({
        decision_number: z.string(),
        authority: z.string(),
        facts: z.string(),
        legal_basis: z.string(),
        penalty: z.string(),
        severity: z.string(),
        decided_on: z.string(),
        published_at: z.string(),
        public_until: z.string(),
      }),
    ),
    licenses: z.array(
      z.object({
        decision_number: z.string(),
        authority: z.string(),
        license_category: z.string(),
        content: z.string(),
        license_number: z.string().nullable(),
        decided_on: z.string(),
        valid_from: z.string().nullable(),
        valid_until: z.string().nullable(),
      }),
    ),
    latest_verification: z
      .object({
        verification_id: z.string(),
        platform: z.string(),
        seller_id: z.string(),
        store_url: z.string(),
        verdict: z.string(),
        reason: z.string().nullable(),
        finished_at: z.string(),
      })
      .nullable(),
    marks: z.array(
      z.object({
        mark_id: z.string(),
        origin: z.string(),
        status: z.string(),
        issued_at: z.string(),
        expires_at: z.string(),
        verification_page: z.string(),
      }),
    ),
    complaints: z.record(z.string(), z.unknown()).openapi({
      description:
        'Complaints received, per thousand filed orders, share substantiated (of closed), share answered in time; for the subject and each store.',
    }),
    narratives: z
      .array(
        z.object({
          category: z.string(),
          submitted_on: z.string(),
          outcome: z.string().nullable(),
          narrative: z.string(),
        }),
      )
      .openapi({ description: 'Closed complaints published with consent, personal data scrubbed.' }),
  })
  .openapi('PublicCredit', { example: CREDIT_EXAMPLES.publicCredit });

const SearchSchema = z
  .object({
    query: z.string(),
    matched_by: z.enum(['uscc', 'store_url', 'name']),
    total: z.number().int().openapi({ description: 'How many subjects the query finds in all.' }),
    limit: z.number().int(),
    offset: z.number().int(),
    next_offset: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The offset of the next page; null when this is the last.' }),
    subjects: z.array(
      z.object({
        subject_id: z.string(),
        kind: z.string(),
        name: z.string(),
        uscc: z.string().nullable(),
        tier: z.enum(['A', 'B', 'C', 'D']),
        score: z.number(),
        stores: z.array(z.object({ platform: z.string(), store_name: z.string(), store_url: z.string() })),
      }),
    ),
  })
  .openapi('PublicCreditSearch', { example: CREDIT_EXAMPLES.search });

const search = createRoute({
  method: 'get',
  path: '/public/credit',
  tags: ['Public'],
  operationId: 'searchPublicCredit',
  summary: 'Find market subjects by code, store URL or name (no login)',
  description:
    'A unified social credit code finds its subject; a store URL (http or https) finds the subjects filed with it; any other text finds organisations and stores whose name contains it (organisations found by their own name first). Natural persons are found by their stores only, never by their names. Paged: `total` says how many were found, `next_offset` where the next page starts (null on the last).',
  security: NO_KEY,
  request: {
    query: z.object({
      q: z.string().trim().min(2).max(200).openapi({ example: '杭州' }),
      limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_LIMIT),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
  },
  responses: {
    200: { description: 'The subjects found.', content: { 'application/json': { schema: SearchSchema } } },
    400: problem(
      'invalid_parameter: q missing, shorter than 2 or longer than 200 characters; limit or offset out of range.',
    ),
    ...RATE_LIMITED,
  },
});

const subjectPage = createRoute({
  method: 'get',
  path: '/public/credit/subjects/{subject_id}',
  tags: ['Public'],
  operationId: 'getPublicCredit',
  summary: "A subject's public credit record (no login)",
  security: NO_KEY,
  request: { params: z.object({ subject_id: z.string().regex(/^[0-9A-Z]{26}$/) }) },
  responses: {
    200: {
      description:
        'Tier, score with its public explanation, lists, published penalties, latest verification, marks.',
      content: { 'application/json': { schema: PublicCreditSchema } },
    },
    ...PARAMETER_PROBLEMS,
    404: problem('No such subject.'),
    ...RATE_LIMITED,
  },
});

/** What the route declares it returns: the kept page's JSON text is that, byte for byte. */
type TypedJson = TypedResponse<PublicSubjectView, 200, 'json'>;

/** The public credit inquiry: no login, public facts only. */
export function publicCreditRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(search, (c) => {
    const { q, limit, offset } = c.req.valid('query');
    const found = findSubjects(gw, q, { limit, offset });
    const now = new Date();
    c.header('cache-control', 'public, max-age=60');
    return c.json(
      {
        query: q,
        matched_by: found.matched_by,
        total: found.total,
        limit,
        offset,
        next_offset: found.next_offset,
        subjects: found.ids.map((id) => publicSearchHit(gw, id, now)),
      },
      200,
    );
  });
  app.openapi(subjectPage, (c) => {
    // The kept page with the score of this moment (pages.ts): the same JSON publicSubjectView builds.
    const json = gw.creditPages.json(c.req.valid('param').subject_id);
    return c.body(json, 200, {
      'content-type': 'application/json',
      'cache-control': 'public, max-age=60',
    }) as unknown as TypedJson;
  });
  return app;
}
