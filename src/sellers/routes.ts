import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { fileHandler, platformOf } from '../filings/respond.ts';
import { FILED_RESPONSES, FILING_PROBLEMS, filingBadRequest } from '../filings/schemas.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../errors.ts';
import {
  AUTH_PROBLEMS,
  BEARER,
  NO_KEY,
  problem,
  RATE_LIMITED,
  READ_PROBLEMS,
  validationHook,
} from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { SELLER_ID, SellerRecordSchema } from './record.ts';
import { sellerTemplate, XLSX_MEDIA_TYPE } from './template.ts';
import { XLSX_LIMITS } from '../filings/xlsx.ts';

const MiB = 1024 * 1024;
const XLSX_LIMITS_TEXT = `at most ${XLSX_LIMITS.maxBytes / MiB} MiB and ${XLSX_LIMITS.maxRows.toLocaleString('en')} rows`;

/** A seller filed as the examples' enterprise and a natural person selling sporadically. */
const SELLERS_EXAMPLE = [
  {
    seller_id: EX.sellerId,
    subject_type: 'enterprise',
    legal_name: EX.legalName,
    uscc: EX.uscc,
    contact_phone: '13800138000',
    store_name: EX.storeName,
    store_url: EX.storeUrl,
  },
  {
    seller_id: 'P-2001',
    subject_type: 'natural_person',
    legal_name: '王小明',
    id_number: '11010519491231002X',
    exemption_reason: '零星小额交易',
    store_name: '小明的手作小店',
    store_url: 'https://shop.example.cn/p/2001',
  },
];
const SELLERS_CSV_EXAMPLE = `seller_id,subject_type,legal_name,uscc,contact_phone,store_name,store_url
${EX.sellerId},enterprise,${EX.legalName},${EX.uscc},13800138000,${EX.storeName},${EX.storeUrl}
`;
/** A filed record as the routes show it: normalised, its contact phone masked. */
const STORED_RECORD = {
  seller_id: EX.sellerId,
  subject_type: 'enterprise',
  legal_name: EX.legalName,
  uscc: EX.uscc,
  contact_phone: '138****8000',
  store_name: EX.storeName,
  store_url: EX.storeUrl,
  status: 'active',
};

const StoredSellerSchema = z
  .object({
    seller_id: z.string(),
    platform: z.string(),
    subject_id: z.string().openapi({ description: 'The market subject this seller is linked to.' }),
    version: z.number().int(),
    version_count: z.number().int(),
    filing_id: z.string().openapi({ description: 'The filing that brought this version.' }),
    first_filed_at: z.string(),
    updated_at: z.string(),
    record: z.record(z.string(), z.unknown()).openapi({
      description: 'The record as filed, normalised; id_number and contact_phone masked.',
    }),
  })
  .openapi('Seller', {
    example: {
      seller_id: EX.sellerId,
      platform: EX.platform,
      subject_id: EX.subjectId,
      version: 2,
      version_count: 2,
      filing_id: EX.filingId,
      first_filed_at: '2026-01-05T02:30:11.204Z',
      updated_at: '2026-03-02T01:15:42.318Z',
      record: STORED_RECORD,
    },
  });

const sellerParams = z.object({ seller_id: z.string().regex(SELLER_ID) });

const getSeller = createRoute({
  method: 'get',
  path: '/v1/sellers/{seller_id}',
  tags: ['Sellers'],
  operationId: 'getSeller',
  summary: 'One of your sellers: its current version and how many versions it has',
  security: BEARER,
  request: { params: sellerParams },
  responses: {
    200: {
      description: 'The current version.',
      content: { 'application/json': { schema: StoredSellerSchema } },
    },
    ...READ_PROBLEMS,
    404: problem('You have filed no seller with this id.'),
  },
});

const listVersions = createRoute({
  method: 'get',
  path: '/v1/sellers/{seller_id}/versions',
  tags: ['Sellers'],
  operationId: 'listSellerVersions',
  summary: 'Every filed version of one of your sellers, newest first',
  security: BEARER,
  request: {
    params: sellerParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: {
      description: 'Versions, newest first.',
      content: {
        'application/json': {
          schema: z
            .object({
              seller_id: z.string(),
              version_count: z.number().int(),
              versions: z.array(
                StoredSellerSchema.omit({
                  version_count: true,
                  first_filed_at: true,
                  updated_at: true,
                  platform: true,
                  seller_id: true,
                }).extend({ filed_at: z.string() }),
              ),
            })
            .openapi({
              example: {
                seller_id: EX.sellerId,
                version_count: 1,
                versions: [
                  {
                    version: 1,
                    filing_id: EX.filingId,
                    subject_id: EX.subjectId,
                    filed_at: '2026-01-05T02:30:11.204Z',
                    record: STORED_RECORD,
                  },
                ],
              },
            }),
        },
      },
    },
    ...READ_PROBLEMS,
    404: problem('You have filed no seller with this id.'),
  },
});

const downloadTemplate = createRoute({
  method: 'get',
  path: '/v1/templates/sellers.xlsx',
  tags: ['Sellers'],
  operationId: 'downloadSellerTemplate',
  summary: 'The seller filing template (.xlsx)',
  description:
    'A workbook whose first sheet has the header row of seller field names (required ones in red, each with a note), its columns formatted as text, and a second sheet explaining every column. Fill it and file it to POST /v1/sellers as it is. Public: it holds nothing but the field list.',
  security: NO_KEY,
  responses: {
    200: {
      description: 'The template, as an attachment.',
      content: {
        [XLSX_MEDIA_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...RATE_LIMITED,
  },
});

export function sellerRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const auth = requireRole(gw.accounts, ['platform']);
  app.use('/v1/sellers', auth);
  app.use('/v1/sellers/*', auth);

  // The body streams and is read by the filing intake, so the route is documented here, not validated by it.
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/sellers',
    tags: ['Sellers'],
    operationId: 'fileSellers',
    summary: 'File sellers (real-name identity of each seller and its store)',
    description: `Accepts a JSON array (or {"records": [...]}), NDJSON (one record per line, streamed), CSV with a header row of the same field names (UTF-8, BOM tolerated), or a spreadsheet (.xlsx, ${XLSX_LIMITS_TEXT}): its first worksheet, with the same header row (see GET /v1/templates/sellers.xlsx); errors carry the row number as line. Each record is created, updated (a new version), unchanged or rejected; rejected records never stop the valid ones unless atomic=true. Send an Idempotency-Key to make retries safe.`,
    security: BEARER,
    request: {
      query: z.object({
        atomic: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'File nothing if any record is rejected.' }),
      }),
      headers: z.object({
        'idempotency-key': z.string().max(255).optional().openapi({
          description: 'A retry with the same key and body returns the original receipt and changes nothing.',
        }),
      }),
      body: {
        required: true,
        content: {
          'application/json': { schema: z.array(SellerRecordSchema).openapi({ example: SELLERS_EXAMPLE }) },
          'application/x-ndjson': { schema: SellerRecordSchema },
          'text/csv': {
            schema: z.string().openapi({
              description: 'Header row of field names, then one seller per row.',
              example: SELLERS_CSV_EXAMPLE,
            }),
          },
          [XLSX_MEDIA_TYPE]: {
            schema: z.string().openapi({
              format: 'binary',
              description:
                'An .xlsx workbook: the first worksheet is read, a header row of field names, then one seller per row. Cells typed as text are filed as they are, dates as YYYY-MM-DD, formulas by their calculated value; a number of 16 digits or more (an ID number typed as a number has lost digits already) rejects its row.',
            }),
          },
        },
      },
    },
    responses: {
      ...FILED_RESPONSES,
      ...filingBadRequest(
        'malformed_json (with line and column), malformed_csv, unknown_columns or missing_columns (a CSV or spreadsheet header), invalid_encoding (not UTF-8), or malformed_xlsx (not an .xlsx, damaged, encrypted)',
      ),
      ...AUTH_PROBLEMS,
      ...FILING_PROBLEMS,
      413: problem(
        `The body is larger than the configured limit; a spreadsheet not ${XLSX_LIMITS_TEXT}, or that unpacks to more than ${XLSX_LIMITS.maxUnpackedBytes / MiB} MiB.`,
      ),
    },
  });

  app.post(
    '/v1/sellers',
    fileHandler(gw, 'sellers', ['json', 'ndjson', 'csv', 'xlsx'], (config) => config.maxBodyBytes),
  );

  // Built once: it depends only on the field list, which does not change while the gateway runs.
  let template: Promise<Buffer> | undefined;
  app.openapi(downloadTemplate, async (c) => {
    template ??= sellerTemplate().catch((err: unknown) => {
      template = undefined;
      throw err;
    });
    const bytes = await template;
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': XLSX_MEDIA_TYPE,
      'content-length': String(bytes.length),
      'content-disposition': 'attachment; filename="sellers.xlsx"',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=3600',
    });
  });

  app.openapi(getSeller, (c) => {
    const platform = platformOf(c);
    const { seller_id } = c.req.valid('param');
    const seller = gw.sellers.seller(platform.platformId, seller_id);
    if (!seller) throw notFound('seller');
    const version = gw.sellers.version(platform.platformId, seller_id, seller.version)!;
    return c.json(
      {
        seller_id,
        platform: platform.slug,
        subject_id: seller.subject_id,
        version: seller.version,
        version_count: seller.version,
        filing_id: version.filing_id,
        first_filed_at: seller.first_filed_at,
        updated_at: seller.updated_at,
        record: JSON.parse(version.record) as Record<string, unknown>,
      },
      200,
    );
  });

  app.openapi(listVersions, (c) => {
    const platform = platformOf(c);
    const { seller_id } = c.req.valid('param');
    const { limit, offset } = c.req.valid('query');
    const seller = gw.sellers.seller(platform.platformId, seller_id);
    if (!seller) throw notFound('seller');
    const versions = gw.sellers.versions(platform.platformId, seller_id, limit, offset).map((v) => ({
      version: v.version,
      filing_id: v.filing_id,
      subject_id: v.subject_id,
      filed_at: v.filed_at,
      record: JSON.parse(v.record) as Record<string, unknown>,
    }));
    return c.json({ seller_id, version_count: seller.version, versions }, 200);
  });
  return app;
}
