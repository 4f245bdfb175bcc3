import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import type { FixtureWeb } from '../../fixtures/web/index.ts';
import type { Gateway } from '../gateway-types.ts';
import { chinaToday } from '../lib/dates.ts';

const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
/** The demo's deciding authorities: a market regulator and a tax bureau (codes of state organs, 11...). */
const MARKET_AUTHORITY = { name: '示例市市场监督管理局', uscc: withCheck('11310000MB2F08531') };
const TAX_AUTHORITY = { name: '示例市税务局', uscc: withCheck('11310000MB2F18545') };

/**
 * The demo department's double-publicity decisions (issue 16), on stores of the fixture web: a penalty
 * filed in time and one filed late (both become public credit penalties), a warning (kept for the
 * exchange, not published), a penalty filed and then withdrawn, and a licence (on the subject's public
 * page). Filed through the API, once: a gateway that has decisions already gets none. Returns the line
 * for the demo's summary.
 */
export async function fileDemoDecisions(
  gw: Pick<Gateway, 'decisions'>,
  url: string,
  key: string,
  web: FixtureWeb,
): Promise<string | null> {
  if (gw.decisions.recent(Number.MAX_SAFE_INTEGER, 1, null).length > 0) return null;
  const subjects = web.cases.filter((c) => c.filed.uscc).slice(0, 3);
  const [a, b, c] = subjects;
  if (!a || !b || !c) return 'no fixture store with a code: no decisions';
  const today = chinaToday();
  const subject = (s: typeof a) => ({
    subject_category: s.filed.uscc!.startsWith('92') ? 'individual_business' : 'organization',
    subject_name: s.filed.name,
    subject_uscc: s.filed.uscc,
    legal_representative: '张伟',
  });
  const penalty = (n: number, s: typeof a, decidedOn: string, extra: Record<string, unknown> = {}) => ({
    kind: 'penalty',
    decision_number: `示市监处罚〔2026〕${n}号`,
    ...subject(s),
    violation_type: '未依法公示营业执照信息',
    violation_facts: '当事人在网店首页未持续公示营业执照信息及其链接标识。',
    legal_basis: '《中华人民共和国电子商务法》第十五条、第七十六条',
    penalty_categories: ['fine'],
    content: '罚款人民币叁万元。',
    fine_yuan: '30000.00',
    decided_on: decidedOn,
    valid_until: '2029-12-31',
    authority_name: MARKET_AUTHORITY.name,
    authority_uscc: MARKET_AUTHORITY.uscc,
    ...extra,
  });
  const decisions = [
    penalty(201, a, today),
    penalty(202, b, '2026-04-28'),
    penalty(203, c, today, {
      penalty_categories: ['warning'],
      content: '警告。',
      fine_yuan: undefined,
      violation_type: '未标明价格',
    }),
    penalty(204, b, today),
    {
      kind: 'license',
      decision_number: `示税许〔2026〕${31}号`,
      ...subject(a),
      license_document_name: '准予增值税专用发票最高开票限额审批决定书',
      license_category: 'approval',
      content: '增值税专用发票最高开票限额十万元。',
      license_number: 'SW-2026-031',
      decided_on: '2026-03-02',
      valid_from: '2026-03-02',
      valid_until: '2031-03-01',
      authority_name: TAX_AUTHORITY.name,
      authority_uscc: TAX_AUTHORITY.uscc,
    },
  ];
  const file = async (records: unknown[], idempotencyKey: string) => {
    const res = await fetch(`${url}/v1/decisions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(records),
    });
    if (!res.ok) throw new Error(`demo decisions failed: ${res.status} ${await res.text()}`);
  };
  await file(decisions, 'demo-decisions-1');
  // Overturned on review: the department files it again as withdrawn, and it leaves the public pages.
  await file(
    [
      {
        ...decisions[3],
        status: 'withdrawn',
        withdrawn_on: today,
        withdrawal_reason: '经行政复议决定撤销。',
      },
    ],
    'demo-decisions-2',
  );
  return `${decisions.length} double-publicity decisions of the demo department: 2 penalties published (1 late), a warning kept for the exchange only, a penalty withdrawn on review, a licence`;
}
