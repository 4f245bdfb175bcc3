import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { BEARER, READ_PROBLEMS, STORE_UNAVAILABLE, validationHook } from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { formatMoney } from '../lib/money.ts';

const OverThresholdSchema = z
  .object({
    year: z.number().int(),
    currency: z.literal('CNY'),
    threshold: z.string().openapi({ example: '100000.00' }),
    subjects: z.array(
      z.object({
        subject_id: z.string(),
        net_sales: z
          .string()
          .openapi({ description: 'Sales less refunds across all platforms in the year.' }),
        sellers: z.array(
          z.object({
            platform: z.string(),
            seller_id: z.string(),
            legal_name: z.string(),
            store_name: z.string(),
            store_url: z.string(),
            orders: z.number().int(),
            net_sales: z.string(),
          }),
        ),
      }),
    ),
  })
  .openapi('OverThresholdReport', {
    example: {
      year: 2026,
      currency: 'CNY',
      threshold: '100000.00',
      subjects: [
        {
          subject_id: '01JQ2S8W0C4D6E8F0G2H4J6K8M',
          net_sales: '126480.50',
          sellers: [
            {
              platform: EX.platform,
              seller_id: 'P-2001',
              legal_name: '王小明',
              store_name: '小明的手作小店',
              store_url: 'https://shop.example.cn/p/2001',
              orders: 1873,
              net_sales: '98210.00',
            },
            {
              platform: 'beta-market',
              seller_id: 'wx-88213',
              legal_name: '王小明',
              store_name: '小明手作',
              store_url: 'https://beta.example.cn/shop/88213',
              orders: 402,
              net_sales: '28270.50',
            },
          ],
        },
      ],
    },
  });

const overThreshold = createRoute({
  method: 'get',
  path: '/v1/regulator/sellers/over-threshold',
  tags: ['Regulator'],
  operationId: 'listOverThresholdSellers',
  summary: 'Natural-person sellers whose yearly sales pass the sporadic-trading threshold',
  description:
    'Natural persons may sell without registering only while their yearly sales stay at or below the threshold (default CNY 100,000, configurable). Sales are order totals less refunds, in CNY, by month of placing in China Standard Time, summed per person across every platform, from statistics kept up to date as filings arrive.',
  security: BEARER,
  request: {
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  },
  responses: {
    200: {
      description: 'Subjects over the threshold, largest first.',
      content: { 'application/json': { schema: OverThresholdSchema } },
    },
    ...READ_PROBLEMS,
    ...STORE_UNAVAILABLE,
  },
});

export function regulatorRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/regulator/*', requireRole(gw.accounts, ['regulator', 'admin']));

  app.openapi(overThreshold, async (c) => {
    const { year } = c.req.valid('query');
    const thresholdMinor = gw.config.sporadicThresholdCny * 100;
    const rows = await gw.orders.overThreshold(`${year}-01`, `${year}-12`, 'CNY', thresholdMinor);
    const subjects = new Map<string, z.infer<typeof OverThresholdSchema>['subjects'][number]>();
    for (const r of rows) {
      let s = subjects.get(r.subject_id);
      if (!s) {
        s = { subject_id: r.subject_id, net_sales: formatMoney(r.subject_net_minor, 'CNY'), sellers: [] };
        subjects.set(r.subject_id, s);
      }
      s.sellers.push({
        platform: r.platform,
        seller_id: r.seller_id,
        legal_name: r.legal_name,
        store_name: r.store_name,
        store_url: r.store_url,
        orders: r.orders,
        net_sales: formatMoney(r.net_minor, 'CNY'),
      });
    }
    return c.json(
      {
        year,
        currency: 'CNY' as const,
        threshold: formatMoney(thresholdMinor, 'CNY'),
        subjects: [...subjects.values()],
      },
      200,
    );
  });
  return app;
}
