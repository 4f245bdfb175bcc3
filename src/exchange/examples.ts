import { EX } from '../openapi/examples.ts';

/** The decision exchange's examples (routes.ts): a fine of the examples' subject, as filed and as exchanged. */

export const DECISION_EXAMPLE = {
  kind: 'penalty',
  decision_number: '杭市监处罚〔2026〕15号',
  status: 'in_force',
  subject_category: 'organization',
  subject_name: EX.legalName,
  subject_uscc: EX.uscc,
  legal_representative: '陈立新',
  violation_type: '未依法公示营业执照信息',
  violation_facts: '当事人经营的网店未在首页显著位置持续公示营业执照信息。',
  legal_basis: '《中华人民共和国电子商务法》第七十六条第一款第一项',
  penalty_categories: ['warning', 'fine'],
  content: '警告，并处罚款人民币五千元。',
  fine_yuan: '5000.00',
  decided_on: '2026-02-10',
  valid_until: '2027-02-10',
  authority_name: '杭州市市场监督管理局',
  authority_uscc: '11330100002489361X',
};

const COLUMNS = Object.keys(DECISION_EXAMPLE) as (keyof typeof DECISION_EXAMPLE)[];

export const DECISION_EXAMPLES = {
  csv: `${COLUMNS.join(',')}\n${COLUMNS.map((c) => {
    const value = DECISION_EXAMPLE[c];
    return Array.isArray(value) ? value.join(';') : value;
  }).join(',')}\n`,
  exchange: {
    decisions: [
      {
        seq: 4021,
        ...DECISION_EXAMPLE,
        source_name: '杭州市市场监督管理局',
        source_uscc: '11330100002489361X',
        department: 'hz-amr',
        version: 1,
        first_filed_at: '2026-02-11T01:20:07.415Z',
        updated_at: '2026-02-11T01:20:07.415Z',
        publish_by: '2026-02-20',
        published_late: false,
        subject_id: EX.subjectId,
        penalty_id: EX.penaltyId,
      },
    ],
    next_since: 4021,
    has_more: false,
  },
};
