import { z } from '@hono/zod-openapi';
import {
  type FieldProblem,
  oneProblemPerField,
  problemsOf,
  withoutAbsent,
  withoutControlCharacters,
} from '../filings/problems.ts';
import { isCalendarDate } from '../lib/dates.ts';
import { parseMoney } from '../lib/money.ts';
import type { TextKind } from '../lib/text.ts';
import { isValidUscc, normalizeUscc } from '../../crawlers/lib/uscc.ts';
import { foldFullWidth } from '../../crawlers/lib/width.ts';
import { decisionRuleProblems } from './decision-rules.ts';
import { DECISION_EXAMPLE } from './examples.ts';
import {
  codeOf,
  codesOf,
  DECISION_KINDS,
  DECISION_STATUSES,
  ID_DOCUMENT_TYPES,
  LICENSE_CATEGORIES,
  LICENSE_STATES,
  PENALTY_CATEGORIES,
  penaltyCategoriesOf,
  SUBJECT_CATEGORIES,
} from './decision-lists.ts';

export * from './decision-lists.ts';
export type { FieldProblem };

/**
 * One administrative licensing or penalty decision as a department files it, in the data items of the
 * national "double publicity" (双公示) standard (docs/double-publicity.md gives each field its Chinese
 * name and source). This schema checks each field alone; the rules across fields — what a kind, a
 * subject category, a penalty category or a withdrawal requires — are in decision-rules.ts.
 * A custom check names its stable error code in `params.code`.
 */
const text = (max: number, kind: TextKind = 'name') =>
  z.string().trim().superRefine(withoutControlCharacters(kind)).min(1).max(max);
const coded = (code: string, message: string) => ({ message, params: { code } });

// Whether a date lies in the future needs the clock of the check, so decision-rules.ts decides it.
const date = (description: string) =>
  z
    .string()
    .refine(isCalendarDate, coded('invalid_date', 'must be a date YYYY-MM-DD'))
    .openapi({ description, example: '2026-03-02', format: 'date' });

const uscc = (description: string) =>
  z
    .string()
    .max(64)
    .transform(normalizeUscc)
    .refine(isValidUscc, coded('invalid_uscc', 'is not a valid unified social credit code (GB 32100-2015)'))
    .openapi({ description, example: '11330100002489361X' });

/**
 * Yuan as a decimal string ("12500.00"), kept as integer fen like every amount here (src/lib/money.ts).
 * The standard states amounts in 万元 (ten thousand yuan) with up to 6 decimals, which is the same
 * precision: 1.250000 万元 is "12500.00" yuan is 1,250,000 fen. An amount is never 0: a decision without
 * a fine files no fine.
 */
const yuan = (description: string) =>
  z
    .string()
    .max(24)
    .transform((v, ctx) => {
      const parsed = parseMoney(foldFullWidth(v).trim(), 'CNY');
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', ...coded('invalid_amount', parsed.reason) });
        return z.NEVER;
      }
      if (parsed.minor === 0) {
        ctx.addIssue({ code: 'custom', ...coded('too_small', 'must be more than 0') });
        return z.NEVER;
      }
      return parsed.minor;
    })
    .openapi({ description, example: '12500.00' });

export const DecisionRecordSchema = z
  .strictObject({
    kind: z
      .enum(codesOf(DECISION_KINDS))
      .openapi({ description: '行政处罚 (penalty) or 行政许可 (license).' }),
    decision_number: text(128).openapi({
      description:
        '行政处罚决定书文号 / 行政许可决定文书号. With authority_uscc it identifies the decision: filing it again replaces it.',
      example: '杭市监处罚〔2026〕15号',
    }),
    status: z
      .enum(codesOf(DECISION_STATUSES))
      .default('in_force')
      .openapi({ description: 'withdrawn (撤销) takes a filed decision out of the public view.' }),
    subject_category: z.enum(codesOf(SUBJECT_CATEGORIES)).openapi({ description: '行政相对人类别.' }),
    subject_name: text(200).openapi({ description: '行政相对人名称.', example: '杭州示例商贸有限公司' }),
    subject_uscc: uscc(
      '行政相对人代码 (统一社会信用代码); required for organization and individual_business, not allowed for natural_person.',
    ).optional(),
    legal_representative: text(100).optional().openapi({
      description: '法定代表人 (the operator, for an individual business); not for natural_person.',
    }),
    id_type: z
      .enum(codesOf(ID_DOCUMENT_TYPES))
      .optional()
      .openapi({ description: '证件类型 of a natural person; required with id_number.' }),
    id_number: z
      .string()
      .max(64)
      .transform((v) => foldFullWidth(v).replace(/\s+/gu, '').toUpperCase())
      .optional()
      .openapi({
        description:
          '证件号码 of a natural person; required for natural_person, not allowed otherwise. Never stored or shown unmasked.',
        example: '11010519491231002X',
      }),
    license_document_name: text(200)
      .optional()
      .openapi({ description: '行政许可决定文书名称; licenses only, required.' }),
    violation_type: text(200).optional().openapi({ description: '违法行为类型; penalties only, required.' }),
    violation_facts: text(5000, 'free_text')
      .optional()
      .openapi({ description: '违法事实; penalties only, required.' }),
    legal_basis: text(2000, 'free_text').optional().openapi({
      description: '处罚依据 (required for penalties); the legal basis of a license (optional).',
    }),
    penalty_categories: z
      .array(z.enum(codesOf(PENALTY_CATEGORIES)))
      .min(1, 'must name at least one category')
      .optional()
      .openapi({
        description:
          '处罚类别, one or more; in CSV one cell separated by ";". Codes or the Chinese labels. Penalties only, required.',
        example: ['fine', 'confiscate_illegal_gains'],
      }),
    license_category: z
      .enum(codesOf(LICENSE_CATEGORIES))
      .optional()
      .openapi({ description: '许可类别; licenses only, required.' }),
    category_other: text(100)
      .optional()
      .openapi({ description: 'What "other" (其他) stands for; required when a category is other.' }),
    content: text(5000, 'free_text').openapi({ description: '处罚内容 / 许可内容.' }),
    fine_yuan: yuan(
      '罚款金额, in yuan (the standard: 万元); required exactly when a category is fine.',
    ).optional(),
    confiscated_yuan: yuan(
      '没收违法所得、没收非法财物的金额, in yuan (the standard: 万元); required exactly when something is confiscated.',
    ).optional(),
    affected_license: text(500)
      .optional()
      .openapi({ description: '暂扣或吊销证照名称及编号; required when a license is suspended or revoked.' }),
    certificate_name: text(200).optional().openapi({ description: '许可证书名称; licenses only.' }),
    license_number: text(128).optional().openapi({ description: '许可编号; licenses only.' }),
    decided_on: date('处罚决定日期 / 许可决定日期; not in the future.'),
    valid_from: date('有效期自; licenses only, required.').optional(),
    valid_until: date(
      '处罚有效期 / 有效期至; required; 2099-12-31 stands for "long-term" (长期).',
    ).optional(),
    publicity_ends_on: date('公示截止期; penalties only.').optional(),
    license_status: z
      .enum(codesOf(LICENSE_STATES))
      .optional()
      .openapi({ description: '当前状态 of a license; defaults to valid.' }),
    authority_name: text(200).openapi({
      description: '处罚机关 / 许可机关.',
      example: '杭州市市场监督管理局',
    }),
    authority_uscc: uscc('处罚机关 / 许可机关统一社会信用代码.'),
    source_name: text(200)
      .optional()
      .openapi({ description: '数据来源单位; with source_uscc, or neither (then the authority).' }),
    source_uscc: uscc('数据来源单位统一社会信用代码.').optional(),
    withdrawn_on: date(
      'When the decision was withdrawn (撤销); required exactly when status is withdrawn.',
    ).optional(),
    withdrawal_reason: text(1000, 'free_text')
      .optional()
      .openapi({ description: 'Why it was withdrawn; required exactly when status is withdrawn.' }),
    note: text(1000, 'free_text').optional().openapi({ description: '备注.' }),
  })
  .openapi('DecisionRecord', {
    description:
      'An administrative penalty or licensing decision in the "double publicity" (双公示) data items. Conditional rules: see docs/double-publicity.md.',
    example: DECISION_EXAMPLE,
  });

type Parsed = z.output<typeof DecisionRecordSchema>;
/** A valid decision: amounts in integer fen, the data source filled in, a license's state defaulted. */
export type DecisionRecord = Omit<
  Parsed,
  'fine_yuan' | 'confiscated_yuan' | 'source_name' | 'source_uscc'
> & {
  fine_fen?: number;
  confiscated_fen?: number;
  source_name: string;
  source_uscc: string;
};

export const DECISION_FIELDS = Object.keys(DecisionRecordSchema.shape) as readonly (keyof Parsed)[];
/** The fields every decision has, whatever its kind: the columns a CSV header must have. */
export const DECISION_REQUIRED_FIELDS = [
  'kind',
  'decision_number',
  'subject_category',
  'subject_name',
  'content',
  'decided_on',
  'authority_name',
  'authority_uscc',
] as const satisfies readonly (keyof Parsed)[];

/** Closed lists filed as their Chinese labels become codes; penalty categories in one CSV cell, a list. */
function withCodes(record: Record<string, unknown>): Record<string, unknown> {
  const lists = {
    kind: DECISION_KINDS,
    status: DECISION_STATUSES,
    subject_category: SUBJECT_CATEGORIES,
    id_type: ID_DOCUMENT_TYPES,
    license_category: LICENSE_CATEGORIES,
    license_status: LICENSE_STATES,
  } as const;
  // fromEntries defines own properties, so a "__proto__" member stays a member (and an unknown field).
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => {
      if (k === 'penalty_categories') return [k, penaltyCategoriesOf(v)];
      return [k, Object.hasOwn(lists, k) ? codeOf(lists[k as keyof typeof lists], v) : v];
    }),
  );
}

function finished(data: Parsed): DecisionRecord {
  const { fine_yuan: fine, confiscated_yuan: confiscated, source_name, source_uscc, ...rest } = data;
  const record: DecisionRecord = {
    ...rest,
    source_name: source_name ?? data.authority_name,
    source_uscc: source_uscc ?? data.authority_uscc,
  };
  if (fine !== undefined) record.fine_fen = fine;
  if (confiscated !== undefined) record.confiscated_fen = confiscated;
  if (data.kind === 'license') record.license_status ??= 'valid';
  return record;
}

export type DecisionValidation =
  { ok: true; record: DecisionRecord } | { ok: false; problems: FieldProblem[] };

/**
 * Validates one raw decision, every field of which may be a string (CSV). Every field's problem is
 * reported, one per field (a field's own check before a rule across fields), in field order; never the
 * value (it may be personal data). `now` decides which dates are in the future (China Standard Time).
 */
export function validateDecisionRecord(
  raw: Record<string, unknown>,
  now: Date = new Date(),
): DecisionValidation {
  // null and blank strings mean "not given": CSV has no other way to say it.
  const record = withCodes(withoutAbsent(raw));
  const parsed = DecisionRecordSchema.safeParse(record);
  const own = parsed.success
    ? []
    : problemsOf(parsed.error.issues, record, 'a decision record', {
        'penalty_categories:too_small': 'missing_field',
      });
  const problems = oneProblemPerField([...own, ...decisionRuleProblems(record, now)], DECISION_FIELDS);
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, record: finished(parsed.data) };
}
