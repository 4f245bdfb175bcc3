import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Gateway } from '../gateway.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { AUTH_PROBLEMS, BEARER, problem, validationHook } from '../http/schemas.ts';
import { scoreSubject } from './model.ts';

const subjectCredit = createRoute({
  method: 'get',
  path: '/v1/regulator/subjects/{subject_id}/credit',
  tags: ['Credit'],
  summary: "A subject's credit: score, tier, explanation and every event",
  security: BEARER,
  request: { params: z.object({ subject_id: z.string().regex(/^[0-9A-Z]{26}$/) }) },
  responses: {
    200: {
      description: 'Scored now with the current model (docs/credit-model.md).',
      content: {
        'application/json': {
          schema: z.object({
            subject_id: z.string(),
            score: z.record(z.string(), z.unknown()),
            events: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
    ...AUTH_PROBLEMS,
    404: problem('No such subject.'),
  },
});

export function creditRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/regulator/subjects/*', requireRole(gw.accounts, ['regulator', 'admin']));
  app.openapi(subjectCredit, (c) => {
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
  return app;
}
