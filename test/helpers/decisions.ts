import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';

/** Double-publicity decisions for tests (docs/double-publicity.md): valid records, any field overridden. */

export const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
export const AUTHORITY = withCheck('11330100002489361'); // a government body: 1 (organ) 1 (state organ)
export const COMPANY = '91330106673959654P';
export const SHOP = '92310115MA1LAG5R9M';
export const ID = '11010519491231002X';

let counter = 0;

/** A valid penalty on a company: a fine and a confiscation, with a unique document number. */
export function penalty(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    kind: 'penalty',
    decision_number: `杭市监处罚〔2026〕${counter}号`,
    subject_category: 'organization',
    subject_name: '杭州示例商贸有限公司',
    subject_uscc: COMPANY,
    legal_representative: '王五',
    violation_type: '虚假宣传',
    violation_facts: '当事人在其网店商品详情页宣称……',
    legal_basis: '《中华人民共和国反不正当竞争法》第二十条第一款',
    penalty_categories: ['fine', 'confiscate_illegal_gains'],
    content: '罚款人民币壹万贰仟伍佰元，没收违法所得叁佰元。',
    fine_yuan: '12500.00',
    confiscated_yuan: '300',
    decided_on: '2026-05-20',
    valid_until: '2029-05-20',
    authority_name: '杭州市市场监督管理局',
    authority_uscc: AUTHORITY,
    ...overrides,
  };
}

/** A valid license granted to an individual business. */
export function license(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    kind: 'license',
    decision_number: `JY1330106${String(counter).padStart(6, '0')}`,
    subject_category: 'individual_business',
    subject_name: '杭州市上城区示例食品店',
    subject_uscc: SHOP,
    legal_representative: '李四',
    license_document_name: '食品经营许可决定书',
    license_category: 'ordinary',
    content: '预包装食品销售（含冷藏冷冻食品）',
    certificate_name: '食品经营许可证',
    license_number: `JY1330106${String(counter).padStart(6, '0')}`,
    decided_on: '2026-04-01',
    valid_from: '2026-04-01',
    valid_until: '2031-03-31',
    authority_name: '杭州市上城区市场监督管理局',
    authority_uscc: AUTHORITY,
    ...overrides,
  };
}

/** A penalty on a natural person, identified by a resident ID. */
export function personPenalty(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { subject_uscc: _u, legal_representative: _l, ...rest } = penalty();
  return {
    ...rest,
    subject_category: 'natural_person',
    subject_name: '张三',
    id_type: 'resident_id',
    id_number: ID,
    ...overrides,
  };
}
