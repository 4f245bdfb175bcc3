import { z } from '@hono/zod-openapi';
import {
  type FieldProblem,
  isAbsent,
  oneProblemPerField,
  problemsOf,
  withoutAbsent,
  withoutControlCharacters,
} from '../filings/problems.ts';
import { chinaToday, isCalendarDate } from '../lib/dates.ts';
import { isValidIdNumber, normalizeIdNumber } from '../lib/resident-id.ts';
import { normalizeStoreUrl } from '../lib/store-url.ts';
import type { TextKind } from '../lib/text.ts';
import { isValidUscc, normalizeUscc } from '../../crawlers/lib/uscc.ts';
import { foldFullWidth } from '../../crawlers/lib/width.ts';

/**
 * One seller record as a platform files it. This schema validates filings and generates their part of
 * the OpenAPI document. A custom check names its stable error code in `params.code`.
 */
export const SUBJECT_TYPES = ['enterprise', 'individual_business', 'natural_person'] as const;
export const SELLER_STATUSES = ['active', 'suspended', 'closed'] as const;
export const SELLER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A name (no control character at all) or free text (tab, line feed and carriage return allowed). */
const text = (max: number, kind: TextKind = 'name') =>
  z.string().trim().superRefine(withoutControlCharacters(kind)).min(1).max(max);
const coded = (code: string, message: string) => ({ message, params: { code } });

const url = (description: string) =>
  z
    .string()
    .max(2048)
    // The URL parser would silently drop a tab or line feed inside a URL and percent-encode the rest:
    // refused instead, like in any other field. Surrounding white space is still trimmed.
    .superRefine((v, ctx) => withoutControlCharacters()(v.trim(), ctx))
    .transform((v, ctx) => {
      const normalized = normalizeStoreUrl(v);
      if (normalized === null) {
        ctx.addIssue({
          code: 'custom',
          ...coded('invalid_url', 'must be an absolute http(s) URL without credentials'),
        });
        return z.NEVER;
      }
      return normalized;
    })
    .openapi({ description, example: 'https://shop.example.cn/store/1001' });

const date = (description: string) =>
  z
    .string()
    .refine(isCalendarDate, coded('invalid_date', 'must be a date YYYY-MM-DD'))
    .refine((d) => d <= chinaToday(), coded('invalid_date', 'must not be in the future'))
    .openapi({ description, example: '2024-03-01', format: 'date' });

export const SellerRecordSchema = z
  .strictObject({
    seller_id: z
      .string()
      .regex(SELLER_ID, coded('invalid_format', 'must be 1-64 of A-Z a-z 0-9 . _ : -'))
      .openapi({ description: "The platform's own id of the seller.", example: 'S-1001' }),
    subject_type: z
      .enum(SUBJECT_TYPES)
      .openapi({ description: 'What kind of market subject runs the store.' }),
    legal_name: text(200).openapi({
      description: 'Registered name (or, for a natural person, the name on the ID card).',
      example: '杭州示例商贸有限公司',
    }),
    uscc: z
      .string()
      .max(64)
      .transform(normalizeUscc)
      .refine(isValidUscc, coded('invalid_uscc', 'is not a valid unified social credit code (GB 32100-2015)'))
      .optional()
      .openapi({
        description:
          'Unified social credit code; required for enterprise and individual_business. Full-width characters and spaces are normalised first.',
        example: '91330106673959654P',
      }),
    id_number: z
      .string()
      .max(64)
      .transform(normalizeIdNumber)
      .refine(
        (v) => isValidIdNumber(v),
        coded(
          'invalid_id_number',
          'is not a valid resident ID number: region, birth date or check character',
        ),
      )
      .optional()
      .openapi({
        description:
          'Resident ID number (GB 11643); required for natural_person, not allowed otherwise. Encrypted at rest, never shown unmasked.',
        example: '11010519491231002X',
      }),
    exemption_reason: text(500, 'free_text')
      .optional()
      .openapi({ description: 'Why a natural person is not registered; required for natural_person.' }),
    address: text(500, 'free_text').optional(),
    contact_phone: z
      .string()
      .max(32)
      .transform((v) => foldFullWidth(v).replace(/[\s()-]/g, ''))
      .refine((v) => /^\+?\d{5,20}$/.test(v), coded('invalid_phone', 'must be a phone number'))
      .optional()
      .openapi({ description: 'Encrypted at rest, never shown unmasked.', example: '13800138000' }),
    legal_representative: text(100).optional(),
    category: text(100).optional(),
    store_name: text(200).openapi({ example: '示例旗舰店' }),
    store_url: url('The store homepage, absolute http(s); normalised.'),
    license_url: url('Where the store shows its business license.').optional(),
    status: z.enum(SELLER_STATUSES).default('active'),
    opened_at: date('When the store opened.').optional(),
    closed_at: date('When the store closed.').optional(),
  })
  .openapi('SellerRecord', {
    description:
      'A seller and its store. Conditional rules: uscc is required for enterprise and individual_business; id_number and exemption_reason are required for natural_person; id_number is allowed only for natural_person; closed_at is not before opened_at.',
    example: {
      seller_id: 'S-1001',
      subject_type: 'enterprise',
      legal_name: '杭州示例商贸有限公司',
      uscc: '91330106673959654P',
      contact_phone: '13800138000',
      store_name: '示例茶叶旗舰店',
      store_url: 'https://shop.example.cn/store/1001',
      status: 'active',
      opened_at: '2024-03-01',
    },
  });

export type SellerRecord = z.output<typeof SellerRecordSchema>;
export const SELLER_FIELDS = Object.keys(SellerRecordSchema.shape) as readonly (keyof SellerRecord)[];
export const SELLER_REQUIRED_FIELDS = [
  'seller_id',
  'subject_type',
  'legal_name',
  'store_name',
  'store_url',
] as const;

export type { FieldProblem };

/** Rules across fields, checked on the raw record so that they are reported next to field errors. */
function crossFieldProblems(record: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const type = record.subject_type;
  if (!SUBJECT_TYPES.includes(type as never)) return problems;
  const need = (field: string, why: string) => {
    if (isAbsent(record[field]))
      problems.push({ field, code: 'missing_field', message: `${field} is required ${why}` });
  };
  if (type === 'natural_person') {
    need('id_number', 'for a natural_person');
    need('exemption_reason', 'for a natural_person (why it is not registered)');
  } else {
    need('uscc', `for ${type}`);
    if (!isAbsent(record.id_number)) {
      problems.push({
        field: 'id_number',
        code: 'field_not_allowed',
        message: 'id_number is filed only for natural_person sellers',
      });
    }
  }
  const { opened_at: opened, closed_at: closed } = record;
  if (typeof opened === 'string' && typeof closed === 'string' && isCalendarDate(opened) && closed < opened) {
    problems.push({ field: 'closed_at', code: 'invalid_date', message: 'closed_at is before opened_at' });
  }
  return problems;
}

export type SellerValidation = { ok: true; record: SellerRecord } | { ok: false; problems: FieldProblem[] };

/**
 * Validates one raw record. Every field's problem is reported, one per field (a field's own check before
 * a rule across fields), in field order; never the value (it may be personal data).
 */
export function validateSellerRecord(raw: Record<string, unknown>): SellerValidation {
  // null and blank strings mean "not given": CSV has no other way to say it.
  const record = withoutAbsent(raw);
  const parsed = SellerRecordSchema.safeParse(record);
  const own = parsed.success ? [] : problemsOf(parsed.error.issues, record, 'a seller record');
  const problems = oneProblemPerField([...own, ...crossFieldProblems(record)], SELLER_FIELDS);
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, record: parsed.data };
}
