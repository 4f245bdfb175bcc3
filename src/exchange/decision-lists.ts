/**
 * The closed value lists of "double publicity" (双公示) decisions, each entry a stable snake_case code
 * (what the wire and the database carry) and the standard's Chinese label (what departments' own
 * systems export, and what a public page shows). Sources and the reasoning behind each list:
 * docs/double-publicity.md.
 */
export interface Labelled<Code extends string = string> {
  readonly code: Code;
  readonly label: string;
}

/** 行政处罚 / 行政许可: the two kinds of decision the standard publishes. */
export const DECISION_KINDS = [
  { code: 'penalty', label: '行政处罚' },
  { code: 'license', label: '行政许可' },
] as const satisfies readonly Labelled[];

/** 行政相对人类别: who the decision is about. */
export const SUBJECT_CATEGORIES = [
  { code: 'organization', label: '法人及非法人组织' },
  { code: 'natural_person', label: '自然人' },
  { code: 'individual_business', label: '个体工商户' },
] as const satisfies readonly Labelled[];

/**
 * 处罚类别: the kinds of administrative penalty of the Administrative Penalty Law (2021 revision) art. 9,
 * one label each, and 其他 (then `category_other` names it). A decision may impose several.
 */
export const PENALTY_CATEGORIES = [
  { code: 'warning', label: '警告' },
  { code: 'public_criticism', label: '通报批评' },
  { code: 'fine', label: '罚款' },
  { code: 'confiscate_illegal_gains', label: '没收违法所得' },
  { code: 'confiscate_illegal_property', label: '没收非法财物' },
  { code: 'suspend_license', label: '暂扣许可证件' },
  { code: 'lower_qualification', label: '降低资质等级' },
  { code: 'revoke_license', label: '吊销许可证件' },
  { code: 'restrict_business', label: '限制开展生产经营活动' },
  { code: 'suspend_business', label: '责令停产停业' },
  { code: 'order_closure', label: '责令关闭' },
  { code: 'restrict_practice', label: '限制从业' },
  { code: 'administrative_detention', label: '行政拘留' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Labelled[];

/** 许可类别: one per licensing decision; 其他 needs `category_other`. */
export const LICENSE_CATEGORIES = [
  { code: 'ordinary', label: '普通' },
  { code: 'concession', label: '特许' },
  { code: 'accreditation', label: '认可' },
  { code: 'approval', label: '核准' },
  { code: 'registration', label: '登记' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Labelled[];

/**
 * 证件类型 of a natural person. The standard also allows free "其他-…" documents; they are refused here,
 * since a number of unknown shape can be neither checked nor matched to a subject.
 */
export const ID_DOCUMENT_TYPES = [
  { code: 'resident_id', label: '身份证' },
  { code: 'passport', label: '护照' },
  { code: 'hk_macao_permit', label: '港澳居民来往内地通行证' },
  { code: 'taiwan_permit', label: '台湾居民来往大陆通行证' },
  { code: 'foreign_permanent_residence', label: '外国人永久居留身份证' },
] as const satisfies readonly Labelled[];

/** 当前状态 of a license: whether the license itself is still valid (有效) or not (无效). */
export const LICENSE_STATES = [
  { code: 'valid', label: '有效' },
  { code: 'invalid', label: '无效' },
] as const satisfies readonly Labelled[];

/**
 * Whether the decision stands or was withdrawn (撤销: revoked, annulled or overturned). A withdrawn
 * decision leaves the public view; re-filing its number with `withdrawn` is how a department says so.
 */
export const DECISION_STATUSES = [
  { code: 'in_force', label: '有效' },
  { code: 'withdrawn', label: '撤销' },
] as const satisfies readonly Labelled[];

type CodeOf<L extends readonly Labelled[]> = L[number]['code'];
export type DecisionKind = CodeOf<typeof DECISION_KINDS>;
export type SubjectCategory = CodeOf<typeof SUBJECT_CATEGORIES>;
export type PenaltyCategory = CodeOf<typeof PENALTY_CATEGORIES>;
export type LicenseCategory = CodeOf<typeof LICENSE_CATEGORIES>;
export type IdDocumentType = CodeOf<typeof ID_DOCUMENT_TYPES>;

export const codesOf = <L extends readonly Labelled[]>(list: L) =>
  list.map((e) => e.code) as unknown as readonly [CodeOf<L>, ...CodeOf<L>[]];

/** The code of a value filed as a code or as its Chinese label; anything else is returned as it came. */
export function codeOf(list: readonly Labelled[], value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return list.find((e) => e.code === trimmed || e.label === trimmed)?.code ?? value;
}

// A CSV cell lists several penalty categories with any of the separators Chinese forms use.
const CATEGORY_SEPARATORS = /[;；,，、]/;

/** Penalty categories as a list: a JSON array as it is, a CSV cell split; labels become codes. */
export function penaltyCategoriesOf(value: unknown): unknown {
  const items = typeof value === 'string' ? value.split(CATEGORY_SEPARATORS).filter((s) => s.trim()) : value;
  if (!Array.isArray(items)) return items;
  // Deduplicated in the list's order: "罚款;警告;罚款" and "警告;罚款" are one decision's categories.
  const codes = items.map((item) => codeOf(PENALTY_CATEGORIES, item));
  const known = PENALTY_CATEGORIES.map((e) => e.code).filter((c) => codes.includes(c));
  const unknown = codes.filter((c) => !known.includes(c as PenaltyCategory));
  return [...known, ...unknown];
}
