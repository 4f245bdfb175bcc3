import { type FieldProblem, isAbsent } from '../filings/problems.ts';
import { chinaToday, isCalendarDate } from '../lib/dates.ts';
import { isValidIdNumber } from '../lib/resident-id.ts';
import { foldFullWidth } from '../../crawlers/lib/width.ts';
import { type IdDocumentType, ID_DOCUMENT_TYPES, SUBJECT_CATEGORIES } from './decision-lists.ts';

/** Fields that belong to one kind of decision only (the standard's penalty and licensing tables). */
const ONLY_FOR = {
  penalty: [
    'violation_type',
    'violation_facts',
    'penalty_categories',
    'fine_yuan',
    'confiscated_yuan',
    'affected_license',
    'publicity_ends_on',
  ],
  license: [
    'license_document_name',
    'license_category',
    'certificate_name',
    'license_number',
    'valid_from',
    'license_status',
  ],
} as const;

const REQUIRED_FOR = {
  penalty: ['violation_type', 'violation_facts', 'legal_basis', 'penalty_categories', 'valid_until'],
  license: ['license_document_name', 'license_category', 'valid_from', 'valid_until'],
} as const;

/**
 * What a document number must look like, by type. Resident IDs and the 2023 foreigners' permanent
 * residence cards are GB 11643 numbers with a check character (src/lib/resident-id.ts); the older
 * permanent residence card is 3 letters and 12 digits; the others have no public check, so only their
 * alphabet and length are checked.
 */
function idNumberProblem(type: IdDocumentType, id: string, now: Date): string | null {
  switch (type) {
    case 'resident_id':
      return isValidIdNumber(id, now)
        ? null
        : 'is not a valid resident ID number: region, birth date or check character';
    case 'foreign_permanent_residence':
      return isValidIdNumber(id, now) || /^[A-Z]{3}\d{12}$/.test(id)
        ? null
        : 'is not a valid permanent residence card number';
    case 'hk_macao_permit':
      return /^[HM]\d{8}(\d{2})?$/.test(id) ? null : 'must be H or M and 8 or 10 digits';
    case 'taiwan_permit':
      return /^\d{8}(\d{2})?$/.test(id) ? null : 'must be 8 or 10 digits';
    case 'passport':
      return /^[A-Z0-9]{5,20}$/.test(id) ? null : 'must be 5-20 letters and digits';
  }
}

const listed = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/**
 * The rules across fields, checked on the raw record (its closed lists already codes) so that they are
 * reported next to the fields' own errors. A rule that needs a field's value skips a value that is not
 * well-formed: the field's own check reports that.
 */
export function decisionRuleProblems(record: Record<string, unknown>, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const given = (field: string) => !isAbsent(record[field]);
  const need = (field: string, why: string) => {
    if (!given(field))
      problems.push({ field, code: 'missing_field', message: `${field} is required ${why}` });
  };
  const refuse = (field: string, why: string) => {
    if (given(field))
      problems.push({ field, code: 'field_not_allowed', message: `${field} is filed ${why}` });
  };

  const kind = record.kind;
  if (kind === 'penalty' || kind === 'license') {
    const other = kind === 'penalty' ? 'license' : 'penalty';
    for (const field of REQUIRED_FOR[kind]) need(field, `for a ${kind}`);
    for (const field of ONLY_FOR[other]) refuse(field, `only for a ${other}`);
  }

  const category = record.subject_category;
  if (SUBJECT_CATEGORIES.some((c) => c.code === category)) {
    if (category === 'natural_person') {
      need('id_type', 'for a natural_person');
      need('id_number', 'for a natural_person');
      refuse('subject_uscc', 'only for an organization or individual_business');
      refuse('legal_representative', 'only for an organization or individual_business');
    } else {
      need('subject_uscc', `for ${category}`);
      need('legal_representative', `for ${category}`);
      refuse('id_type', 'only for a natural_person');
      refuse('id_number', 'only for a natural_person');
    }
  }
  const idType = ID_DOCUMENT_TYPES.find((t) => t.code === record.id_type)?.code;
  if (idType && typeof record.id_number === 'string' && record.id_number.length <= 64) {
    // The same normalisation as the schema's: full-width folded, white space removed, upper case.
    const id = foldFullWidth(record.id_number).replace(/\s+/gu, '').toUpperCase();
    const reason = idNumberProblem(idType, id, now);
    if (reason)
      problems.push({ field: 'id_number', code: 'invalid_id_number', message: `id_number ${reason}` });
  }

  if (kind === 'penalty') {
    const categories = listed(record.penalty_categories);
    const has = (...codes: string[]) => codes.some((c) => categories.includes(c));
    const amountRule = (field: string, codes: string[], what: string) => {
      if (has(...codes)) need(field, `when the penalty categories include ${what}`);
      else if (categories.length) refuse(field, `only when the penalty categories include ${what}`);
    };
    amountRule('fine_yuan', ['fine'], 'fine');
    amountRule(
      'confiscated_yuan',
      ['confiscate_illegal_gains', 'confiscate_illegal_property'],
      'a confiscation',
    );
    if (has('suspend_license', 'revoke_license'))
      need('affected_license', 'when a license is suspended or revoked');
    otherRule(categories.includes('other'), categories.length > 0);
  } else if (kind === 'license' && typeof record.license_category === 'string') {
    otherRule(record.license_category === 'other', true);
  }
  function otherRule(isOther: boolean, known: boolean) {
    if (isOther) need('category_other', 'when a category is other (其他)');
    else if (known) refuse('category_other', 'only when a category is other (其他)');
  }

  if (record.status === 'withdrawn') {
    need('withdrawn_on', 'for a withdrawn decision');
    need('withdrawal_reason', 'for a withdrawn decision');
  } else if (record.status === undefined || record.status === 'in_force') {
    refuse('withdrawn_on', 'only for a withdrawn decision');
    refuse('withdrawal_reason', 'only for a withdrawn decision');
  }
  if (given('source_name') !== given('source_uscc')) {
    need('source_name', 'with source_uscc');
    need('source_uscc', 'with source_name');
  }
  problems.push(...dateProblems(record, now));
  return problems;
}

/** Dates that must not be in the future, and dates that must not come before another. */
function dateProblems(record: Record<string, unknown>, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const today = chinaToday(now);
  const dateOf = (field: string) => {
    const v = record[field];
    return typeof v === 'string' && isCalendarDate(v) ? v : undefined;
  };
  for (const field of ['decided_on', 'withdrawn_on']) {
    const d = dateOf(field);
    if (d && d > today)
      problems.push({ field, code: 'invalid_date', message: `${field} must not be in the future` });
  }
  const notBefore = (field: string, earlier: string) => {
    const [d, e] = [dateOf(field), dateOf(earlier)];
    if (d && e && d < e)
      problems.push({ field, code: 'invalid_date', message: `${field} is before ${earlier}` });
  };
  notBefore('valid_until', 'decided_on');
  notBefore('valid_until', 'valid_from');
  notBefore('publicity_ends_on', 'decided_on');
  notBefore('withdrawn_on', 'decided_on');
  return problems;
}
