import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../lib/dates.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { ASSISTANCE_INPUTS } from './examples.ts';
import { DUE_WORKING_DAYS, SCOPES, TEXT_LIMITS } from './terms.ts';

const date = (description: string, example: string) =>
  z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD').openapi({ description, example });
const text = (max: number) => z.string().trim().min(1).max(max);

/** What a regulator sends to ask a platform for a seller's records (also read by the console's form). */
export const NewRequestSchema = z
  .object({
    platform: z.string().min(1).max(64).openapi({ description: "The platform's slug.", example: 'alpha' }),
    seller_id: z.string().regex(SELLER_ID).openapi({ description: 'The seller as the platform filed it.' }),
    legal_basis: text(TEXT_LIMITS.legal_basis).openapi({
      description: 'The provision the request rests on.',
      example: '《网络交易监督管理办法》第三十五条',
    }),
    case_number: text(TEXT_LIMITS.case_number).openapi({
      description: 'The case under investigation.',
      example: '杭市监案〔2026〕118号',
    }),
    scope: z
      .array(z.enum(SCOPES))
      .min(1)
      .max(SCOPES.length)
      .refine((s) => new Set(s).size === s.length, 'names each kind of record once')
      .openapi({ description: 'The kinds of records asked for.', example: ['identity', 'orders'] }),
    from: date('First day of the period the records cover (China Standard Time).', '2026-01-01'),
    to: date('Last day of the period, on or after `from`, not after today.', '2026-03-31'),
    due_working_days: z
      .number()
      .int()
      .min(DUE_WORKING_DAYS.min)
      .max(DUE_WORKING_DAYS.max)
      .default(DUE_WORKING_DAYS.default)
      .openapi({
        description: `Working days (China's holiday calendar) the platform has to answer, counted from the day after the request; ${DUE_WORKING_DAYS.default} when not given.`,
      }),
    note: text(TEXT_LIMITS.note)
      .optional()
      .openapi({ description: 'What exactly is wanted, for the platform; not sent in the event.' }),
  })
  .strict()
  .refine((v) => v.from <= v.to, { message: 'must be on or after from', path: ['to'] })
  .openapi('AssistanceRequestInput', { example: ASSISTANCE_INPUTS.request });

export type NewRequest = z.infer<typeof NewRequestSchema>;

export const CancelSchema = z
  .object({ reason: text(TEXT_LIMITS.cancel_reason) })
  .strict()
  .openapi('AssistanceRequestCancel', { example: ASSISTANCE_INPUTS.cancel });
