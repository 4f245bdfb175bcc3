import type { FixtureWeb } from '../../fixtures/web/index.ts';
import { fileRecords, marketgateClient } from '../client/index.ts';
import { addPlatform } from '../accounts/service.ts';
import type { RunningGateway } from '../http/server.ts';
import { complaintStep, lodgeComplaint, sweepComplaints } from '../complaints/service.ts';
import type { ComplaintAction, ComplaintCategory } from '../complaints/workflow.ts';
import { enterList, recordPenalty } from '../credit/service.ts';
import type { Gateway } from '../gateway-types.ts';
import { chinaToday } from '../lib/dates.ts';

export const DEMO_WEB_PLATFORM = { slug: 'demo-web', name: '示例网店平台', uscc: '91310115MA1K3YJ12G' };

/** The seller records that file fixture-web stores for the demo-web platform: seller W-<case id>. */
export function demoWebSellers(cases: FixtureWeb['cases']): Record<string, unknown>[] {
  return cases.map((store) => ({
    seller_id: `W-${store.id}`,
    subject_type: store.filed.uscc?.startsWith('92') ? 'individual_business' : 'enterprise',
    legal_name: store.filed.name,
    uscc: store.filed.uscc,
    store_name: store.title.slice(0, 200),
    store_url: store.url,
  }));
}

/**
 * The demo's crawlable stores: every case of the fixture web (honest, dishonest, slow, broken), filed
 * by the platform `demo-web`. The fixture web listens on new ports at every start, so the stores are
 * filed again each time (a new version of each seller: the store moved), then crawled
 * (crawlDemoWebStores).
 */
export async function fileDemoWebStores(
  running: RunningGateway,
  web: FixtureWeb,
  key: string,
): Promise<void> {
  const client = marketgateClient({ baseUrl: running.url, key });
  const res = await fileRecords(client, 'sellers', JSON.stringify(demoWebSellers(web.cases)), {
    contentType: 'application/json',
  });
  if (!res.receipt)
    throw new Error(`demo filing of the fixture stores failed: ${res.status} ${JSON.stringify(res.problem)}`);
}

/** Starts a crawl of every demo-web store; returns its id. */
export function crawlDemoWebStores(running: RunningGateway): string {
  const platform = running.gateway.accounts.platformBySlug(DEMO_WEB_PLATFORM.slug)!;
  return running.gateway.crawls.start({ platform_ids: [platform.id] }, 'demo').id;
}

/** The demo-web platform and its key, created in data folders seeded before it existed. */
export function ensureDemoWebPlatform(running: RunningGateway): { slug: string; name: string; key: string } {
  return { ...addPlatform(running.gateway.accounts, DEMO_WEB_PLATFORM), name: DEMO_WEB_PLATFORM.name };
}

/** A complaint of the demo: its store, how long ago it was lodged, and the steps it went through. */
interface DemoComplaint {
  store: string;
  category: ComplaintCategory;
  description: string;
  daysAgo: number;
  consent?: boolean;
  steps: (ComplaintAction & { by: 'regulator' | 'platform' | 'consumer' })[];
}

const fault = '页面未公示营业执照信息，且与平台登记的主体不一致。';
const DEMO_COMPLAINTS: DemoComplaint[] = [
  {
    store: 'W-footer-text',
    category: 'quality',
    description: '收到的茶叶受潮结块，联系客服无人回复。',
    daysAgo: 0,
    steps: [],
  },
  {
    store: 'W-identity-missing',
    category: 'counterfeit',
    description: `疑似售假：包装与官方不一致。${fault}`,
    daysAgo: 12,
    steps: [],
  },
  {
    store: 'W-name-mismatch',
    category: 'false_advertising',
    description: '宣传“有机认证”，但无法提供任何证明。',
    daysAgo: 3,
    steps: [{ by: 'regulator', type: 'accept' }],
  },
  {
    store: 'W-footer-text',
    category: 'other',
    description: '只写了“不满意”，没有说明订单和诉求。',
    daysAgo: 4,
    steps: [
      {
        by: 'regulator',
        type: 'reject',
        reason: 'insufficient_information',
        message: '请补充订单号和具体诉求后重新投诉。',
      },
    ],
  },
  {
    store: 'W-other-company-code',
    category: 'non_delivery',
    description: '付款后十五天仍未发货，商家失联。',
    daysAgo: 16,
    steps: [
      { by: 'regulator', type: 'accept' },
      { by: 'regulator', type: 'forward' },
    ],
  },
  {
    store: 'W-other-company-code',
    category: 'refund_refused',
    description: '七天无理由退货被拒，商品未拆封。',
    daysAgo: 8,
    steps: [
      { by: 'regulator', type: 'accept' },
      { by: 'regulator', type: 'forward' },
      {
        by: 'platform',
        type: 'respond',
        kind: 'explanation',
        message: '商家称商品为定制品，不适用七天无理由退货。',
      },
    ],
  },
  {
    store: 'W-name-mismatch',
    category: 'quality',
    description: '收到的电水壶底座漏电，要求退款。',
    daysAgo: 20,
    consent: true,
    steps: [
      { by: 'regulator', type: 'accept' },
      { by: 'regulator', type: 'forward' },
      { by: 'platform', type: 'respond', kind: 'refund', message: '已督促商家全额退款。' },
      { by: 'consumer', type: 'consumer_accept' },
    ],
  },
  {
    store: 'W-identity-missing',
    category: 'price_fraud',
    description: '下单后商家以“系统错误”为由要求加价发货。',
    daysAgo: 14,
    steps: [
      { by: 'regulator', type: 'accept' },
      { by: 'regulator', type: 'forward' },
      { by: 'platform', type: 'respond', kind: 'decline', message: '商家坚持标价错误。' },
      { by: 'consumer', type: 'consumer_reject', message: '不接受，申请调解。' },
    ],
  },
  {
    store: 'W-other-company-code',
    category: 'counterfeit',
    description: `购买的耳机经品牌方鉴定为假货。${fault}`,
    daysAgo: 30,
    consent: true,
    steps: [
      { by: 'regulator', type: 'accept' },
      { by: 'regulator', type: 'forward' },
      { by: 'platform', type: 'respond', kind: 'decline', message: '商家否认售假。' },
      { by: 'regulator', type: 'mediate' },
      { by: 'regulator', type: 'substantiate', message: '品牌方鉴定报告证实为假冒商品。' },
      { by: 'regulator', type: 'close', outcome: 'mediation_failed', message: '调解不成，转入执法程序。' },
    ],
  },
  {
    store: 'W-footer-text',
    category: 'non_delivery',
    description: '快递显示签收但本人未收到。',
    daysAgo: 6,
    steps: [{ by: 'consumer', type: 'withdraw', message: '快递已找到，撤回投诉。' }],
  },
];

/**
 * The demo's records beside the filings: complaints at every stage (two overdue), published and
 * unpublished penalties and abnormal-list entries, on the fixture web's dishonest stores. Made once:
 * a data folder that has complaints already is left as it is. Returns a line for the demo's summary.
 */
export function seedDemoRecords(gw: Gateway, regulatorName: string): string | null {
  // All or nothing: a failure leaves no half-made records behind, and the next run tries again.
  return gw.db.transaction(() => seedDemoRecordsNow(gw, regulatorName))();
}

function seedDemoRecordsNow(gw: Gateway, regulatorName: string): string | null {
  if (Object.keys(gw.complaints.countsByStatus()).length > 0) return null;
  const platform = gw.accounts.platformBySlug(DEMO_WEB_PLATFORM.slug);
  const regulator = gw.accounts.regulatorByName(regulatorName);
  if (!platform || !regulator) return null;
  const actors = {
    regulator: { role: 'regulator', id: `regulator:${regulator.id}` },
    platform: { role: 'platform', id: `platform:${platform.slug}` },
    consumer: { role: 'consumer', id: null },
  } as const;
  const now = Date.now();
  let lodged = 0;
  for (const [i, c] of DEMO_COMPLAINTS.entries()) {
    if (!gw.sellers.exists(platform.id, c.store)) continue;
    const at = new Date(now - c.daysAgo * 86_400_000 - 3 * 3600_000);
    const { row } = lodgeComplaint(
      gw,
      {
        platform: platform.slug,
        seller_id: c.store,
        category: c.category,
        description: c.description,
        amount_minor: 19_900 + i * 1000,
        currency: 'CNY',
        complainant: {
          name: ['张伟', '王芳', '李娜', '刘洋', '陈静'][i % 5]!,
          phone: `1380013${String(i).padStart(4, '0')}`,
        },
        publish_consent: c.consent ?? false,
      },
      at,
    );
    // Each step a little later than the one before, all in the past.
    c.steps.forEach(({ by, ...action }, k) => {
      const when = new Date(
        at.getTime() + (k + 1) * Math.max(60_000, (c.daysAgo * 86_400_000) / (c.steps.length + 2)),
      );
      complaintStep(gw, row.id, action as ComplaintAction, actors[by], when);
    });
    lodged++;
  }
  sweepComplaints(gw);

  const actor = `regulator:${regulator.id}`;
  const subjectOf = (sellerId: string) => gw.sellers.seller(platform.id, sellerId)?.subject_id;
  const daysAgo = (n: number) => chinaToday(new Date(now - n * 86_400_000));
  let penalties = 0;
  let listed = 0;
  const wrongCode = subjectOf('W-other-company-code');
  if (wrongCode) {
    const penalty = recordPenalty(
      gw,
      {
        decision_number: '示市监罚〔2026〕101号',
        subject_id: wrongCode,
        store: { platform_id: platform.id, seller_id: 'W-other-company-code' },
        authority: '示例市市场监督管理局',
        facts: '网店首页公示的统一社会信用代码属于另一家企业，与登记主体不符。',
        legal_basis: '《中华人民共和国电子商务法》第十五条、第七十六条',
        penalty: '警告；罚款人民币二万元',
        severity: 'moderate',
        sector: 'general',
        decided_on: daysAgo(15),
        publish: true,
      },
      actor,
    );
    penalties++;
    enterList(
      gw,
      'serious',
      {
        subject_id: wrongCode,
        reason: '冒用他人营业执照信息从事网络经营，受到行政处罚',
        legal_basis: '《市场监督管理严重违法失信名单管理办法》第九条',
        penalty_id: penalty.id,
      },
      actor,
    );
    listed++;
  }
  const missing = subjectOf('W-identity-missing');
  if (missing) {
    recordPenalty(
      gw,
      {
        decision_number: '示市监罚〔2026〕117号',
        subject_id: missing,
        authority: '示例市市场监督管理局',
        facts: '网店首页未公示营业执照信息。',
        legal_basis: '《中华人民共和国电子商务法》第十五条、第七十六条',
        penalty: '责令限期改正；警告',
        severity: 'minor',
        sector: 'general',
        decided_on: daysAgo(5),
      },
      actor,
    );
    penalties++;
    enterList(
      gw,
      'abnormal',
      {
        subject_id: missing,
        reason: '未按规定公示营业执照信息，责令改正逾期未改',
        legal_basis: '《企业经营异常名录管理暂行办法》第四条',
      },
      actor,
    );
    listed++;
  }
  return `${lodged} complaints at every stage, ${penalties} penalties (one unpublished), ${listed} subjects on the lists (abnormal operations, serious dishonesty)`;
}
