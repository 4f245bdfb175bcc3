import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { AUTH_PROBLEMS, BEARER, problem } from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { chinaTimestamp } from '../lib/dates.ts';
import { type CrawlListStore, type CrawlResultRow, crawlListStore } from './crawl-list-store.ts';
import { crawlViewer } from './crawl-view.ts';
import { CSV_BOM, csvRecord } from './csv.ts';
import { CrawlListSchema, CrawlResultFilterSchema, CrawlResultsSchema, CrawlSchema } from './schemas.ts';
import { cancelCrawl } from './service.ts';
import type { CrawlRow } from './store.ts';

const CrawlParam = z.object({ crawl_id: z.string().regex(/^[0-9A-Z]{26}$/) });
const cursorParam = z
  .string()
  .max(200)
  .optional()
  .openapi({ description: 'The `next_cursor` of the previous page.' });

const listCrawls = createRoute({
  method: 'get',
  path: '/v1/regulator/crawls',
  tags: ['Verification'],
  operationId: 'listCrawls',
  summary: 'Crawls, newest first, with who started each and its counts by verdict',
  security: BEARER,
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: cursorParam }),
  },
  responses: {
    200: { description: 'A page of crawls.', content: { 'application/json': { schema: CrawlListSchema } } },
    400: problem('A parameter out of range, or a cursor this endpoint did not give.'),
    ...AUTH_PROBLEMS,
  },
});

const CSV_COLUMNS = [
  'platform',
  'seller_id',
  'store_name',
  'store_url',
  'verdict',
  'reason',
  'verification_id',
  'finished_at',
] as const;

const crawlResults = createRoute({
  method: 'get',
  path: '/v1/regulator/crawls/{crawl_id}/results',
  tags: ['Verification'],
  operationId: 'listCrawlResults',
  summary: "A crawl's stores with their verdicts, filtered by verdict and reason; JSON pages or CSV",
  description: `One row per store the crawl covers, in crawl order (\`verdict\` null while a store is not visited). No personal data: no ID number, phone or legal name. \`format=csv\` exports every row that the filters pass as one CSV file (RFC 4180, UTF-8 with a byte-order mark; columns ${CSV_COLUMNS.join(', ')}; \`finished_at\` in China Standard Time with its offset, +08:00; a cell that a spreadsheet would read as a formula starts with an apostrophe); \`limit\` and \`cursor\` page the JSON only and are refused with it. The \`Accept\` header does not choose the format.`,
  security: BEARER,
  request: {
    params: CrawlParam,
    query: CrawlResultFilterSchema.extend({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: cursorParam,
      format: z
        .enum(['json', 'csv'])
        .default('json')
        .openapi({ description: '`csv`: every row as a CSV attachment.' }),
    }),
  },
  responses: {
    200: {
      description: 'A page of stores (JSON), or all of them (CSV).',
      content: {
        'application/json': { schema: CrawlResultsSchema },
        'text/csv': {
          schema: z.string().openapi({
            description: `Header row: ${CSV_COLUMNS.join(',')}.`,
            example: `\uFEFF${CSV_COLUMNS.join(',')}\r\n${EX.platform},${EX.sellerId},${EX.storeName},${EX.storeUrl},compliant,,${EX.verificationId},2026-03-02T09:03:27+08:00\r\n`,
          }),
        },
      },
    },
    400: problem('A malformed crawl id, a filter out of range, a bad cursor, or paging with format=csv.'),
    ...AUTH_PROBLEMS,
    404: problem('No such crawl.'),
  },
});

const cancelCrawlRoute = createRoute({
  method: 'post',
  path: '/v1/regulator/crawls/{crawl_id}/cancel',
  tags: ['Verification'],
  operationId: 'cancelCrawl',
  summary: 'Cancel a crawl (audited)',
  description:
    "Its stores not yet taken are not visited; those in flight finish and are recorded (`finished_at` is set then). The crawl's status is `cancelled` from now on, and a restart does not resume it. Cancelling a cancelled crawl changes nothing and answers 200 with it. No body.",
  security: BEARER,
  request: { params: CrawlParam },
  responses: {
    200: { description: 'The crawl, cancelled.', content: { 'application/json': { schema: CrawlSchema } } },
    400: problem('A malformed crawl id.'),
    ...AUTH_PROBLEMS,
    404: problem('No such crawl.'),
    409: problem('The crawl ended already (done or failed): conflict.'),
  },
});

/** A crawl as the API shows it (the Crawl schema). */
export function crawlOut(gw: Pick<Gateway, 'accounts' | 'verifications'>, crawl: CrawlRow) {
  return crawlViewer(gw.accounts)(crawl, gw.verifications.verdictCounts(crawl.id));
}

/** GET /v1/regulator/crawls, a crawl's results, and cancelling; on the verification routes' app. */
export function registerCrawlRoutes(app: OpenAPIHono<AppEnv>, gw: Gateway): void {
  const list = crawlListStore(gw.db);

  app.openapi(listCrawls, (c) => {
    const { limit, cursor } = c.req.valid('query');
    const rows = list.crawls(limit + 1, cursor === undefined ? undefined : decodeListCursor(cursor));
    const page = rows.slice(0, limit);
    const counts = list.verdictCounts(page.map((r) => r.id));
    const view = crawlViewer(gw.accounts);
    const last = page.at(-1);
    return c.json(
      {
        crawls: page.map((row) => view(row, counts.get(row.id)!)),
        next_cursor: rows.length > limit && last ? encode(`${last.created_at}|${last.id}`) : null,
      },
      200,
    );
  });

  app.openapi(crawlResults, (c) => {
    const { crawl_id } = c.req.valid('param');
    const { verdict, reason, limit, cursor, format } = c.req.valid('query');
    if (!gw.verifications.crawl(crawl_id)) throw notFound('crawl');
    const filter = { verdict, reason };
    if (format === 'csv') {
      const paging = ['limit', 'cursor'].filter((name) => c.req.query(name) !== undefined);
      if (paging.length)
        throw new DomainError(
          'invalid_parameter',
          `${paging.join(', ')}: format=csv exports every row; paging is for the JSON`,
          { errors: paging.map((field) => ({ field, message: 'not with format=csv' })) },
        );
      return c.body(csvStream(list, crawl_id, filter), 200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="crawl-${crawl_id}-results.csv"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    }
    const after = cursor === undefined ? 0 : decodeResultsCursor(cursor);
    const rows = list.results(crawl_id, filter, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        crawl_id,
        results: page.map(resultOut),
        next_cursor: rows.length > limit && last ? encode(`ord:${last.ord}`) : null,
      },
      200,
    );
  });

  app.openapi(cancelCrawlRoute, (c) => {
    const crawl = cancelCrawl(gw, c.req.valid('param').crawl_id, actorOf(c.get('principal')));
    return c.json(crawlOut(gw, crawl), 200);
  });
}

function resultOut({ ord: _ord, ...row }: CrawlResultRow) {
  return row;
}

/** Every row the filter passes, read a thousand at a time as the client takes them. */
function csvStream(list: CrawlListStore, crawlId: string, filter: Parameters<CrawlListStore['results']>[1]) {
  const encoder = new TextEncoder();
  let after = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRecord(CSV_COLUMNS)));
    },
    pull(controller) {
      const rows = list.results(crawlId, filter, after, 1000);
      if (rows.length === 0) return controller.close();
      after = rows.at(-1)!.ord;
      const text = rows
        .map((r) =>
          csvRecord([
            r.platform,
            r.seller_id,
            r.store_name,
            r.store_url,
            r.verdict,
            r.reason,
            r.verification_id,
            r.finished_at && chinaTimestamp(r.finished_at),
          ]),
        )
        .join('');
      controller.enqueue(encoder.encode(text));
    },
  });
}

const encode = (text: string) => Buffer.from(text).toString('base64url');

function decoded(cursor: string, pattern: RegExp): RegExpExecArray {
  const m = /^[A-Za-z0-9_-]+$/.test(cursor)
    ? pattern.exec(Buffer.from(cursor, 'base64url').toString())
    : null;
  if (!m) throw new DomainError('invalid_parameter', 'cursor: not a cursor this endpoint gave');
  return m;
}

/** The list's cursor is the last crawl's place in its order: created_at, then id. */
function decodeListCursor(cursor: string): { created_at: string; id: string } {
  const m = decoded(cursor, /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)\|([0-9A-Z]{26})$/);
  return { created_at: m[1]!, id: m[2]! };
}

/** The results' cursor is the last store's place in the crawl. */
function decodeResultsCursor(cursor: string): number {
  return Number(decoded(cursor, /^ord:(\d{1,15})$/)[1]);
}
