import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../lib/dates.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { LEAD_INPUTS } from './examples.ts';
import { LEAD_CATEGORIES, LEAD_MEASURES } from './terms.ts';

/** The JSON bodies of the lead routes: what a platform files, and the regulator's steps. */

export const ULID = /^[0-9A-Z]{26}$/;
export const SHA256 = /^[0-9a-f]{64}$/;

/** A calendar date; "not in the future" is the verb's to say (it knows the time). */
const date = (description: string, example: string) =>
  z
    .string()
    .refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD')
    .openapi({ description, example, format: 'date' });
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const GoodsSchema = z
  .object({
    name: text(1, 200).openapi({
      description: 'The goods or service as listed.',
      example: '某品牌运动鞋 42码',
    }),
    sku: text(1, 64)
      .optional()
      .openapi({ description: "The platform's id of the listing or SKU.", example: 'SKU-88123' }),
    url: z.string().max(2048).optional().openapi({ description: 'The listing page (http or https).' }),
  })
  .strict();

export const MeasureSchema = z
  .object({
    measure: z.enum(LEAD_MEASURES),
    taken_on: date('When the measure was taken (China Standard Time).', '2026-03-02').optional(),
  })
  .strict();

export const LeadInputSchema = z
  .object({
    seller_id: z
      .string()
      .regex(SELLER_ID, 'must be 1-64 of A-Z a-z 0-9 . _ : -')
      .openapi({ description: 'A seller this platform filed (POST /v1/sellers).', example: 'S-1001' }),
    store_url: z.string().max(2048).optional().openapi({
      description: "The store's URL; when given it must be the store filed for the seller.",
    }),
    goods: z
      .array(GoodsSchema)
      .min(1)
      .max(100)
      .openapi({ description: 'The goods or services concerned: 1 to 100.' }),
    category: z.enum(LEAD_CATEGORIES).openapi({ description: 'What kind of violation (docs/leads.md).' }),
    found: text(10, 5000).openapi({
      description:
        'What was found: the violation described (10 to 5,000 characters). ID and phone numbers in it are masked before it is stored.',
    }),
    records: z.array(text(1, 500)).min(1).max(50).openapi({
      description: 'The records the platform kept (page snapshots, chat logs...): 1 to 50 texts.',
    }),
    measures: z
      .array(MeasureSchema)
      .min(1)
      .max(10)
      .openapi({ description: 'The measures taken, each once (docs/leads.md).' }),
    measures_note: text(1, 2000)
      .optional()
      .openapi({ description: 'The measures in words; required when a measure is "other".' }),
    found_on: date(
      'When the platform found the violation (China Standard Time); not in the future.',
      '2026-03-01',
    ),
    reference: text(1, 64)
      .optional()
      .openapi({ description: "The platform's own case number.", example: 'RISK-2026-0042' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.measures.forEach((m, i) => {
      if (seen.has(m.measure))
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'measure'], message: 'each measure once' });
      seen.add(m.measure);
    });
    if (seen.has('other') && v.measures_note === undefined)
      ctx.addIssue({ code: 'custom', path: ['measures_note'], message: 'say what the "other" measure was' });
  })
  .openapi('LeadInput', { example: LEAD_INPUTS.lead });
export type LeadInput = z.infer<typeof LeadInputSchema>;

const reason = text(1, 2000);

export const AssignSchema = z
  .object({
    assignee: text(1, 200).optional().openapi({ description: 'Defaults to the caller.' }),
  })
  .strict()
  .openapi('LeadAssignment', { example: LEAD_INPUTS.assignment });

export const LinkSchema = z
  .object({
    penalty_id: z.string().regex(ULID, 'not a penalty id').optional(),
    warning_id: z.string().regex(ULID, 'not a warning id').optional(),
    note: text(1, 2000).optional(),
  })
  .strict()
  .refine((v) => (v.penalty_id === undefined) !== (v.warning_id === undefined), {
    message: 'name exactly one of penalty_id and warning_id',
    path: ['penalty_id'],
  })
  .openapi('LeadLink', {
    description: "A penalty or a risk warning of the lead's subject (or store) that the lead led to or fed.",
    example: LEAD_INPUTS.link,
  });

export const ReasonSchema = z
  .object({ reason: reason.openapi({ description: 'Shown to the platform.' }) })
  .strict()
  .openapi('LeadReason', { example: LEAD_INPUTS.reason });
