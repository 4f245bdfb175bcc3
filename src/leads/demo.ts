import type { Gateway } from '../gateway-types.ts';
import { chinaToday } from '../lib/dates.ts';
import { riskStore } from '../risk/store.ts';
import type { LeadInput } from './schemas.ts';
import { fileLead } from './service.ts';
import { assignLead, linkLead } from './workflow.ts';
import { leadsStore } from './store.ts';

/**
 * Demo leads (src/cli/demo.ts calls this once the demo platforms have filed their sellers and the demo
 * penalties and risk warnings exist): three leads of one platform, a day or more old, one linked to a
 * penalty (or, without one, a risk warning) of its seller's subject, one taken by the regulator, one new.
 * Made once: a platform that has leads gets none. Returns a line for the demo's summary, or null.
 */
export function seedDemoLeads(
  gw: Gateway,
  options: { platform: string; regulatorName: string; sellerIds?: string[] },
): string | null {
  const platform = gw.accounts.platformBySlug(options.platform);
  const regulator = gw.accounts.regulatorByName(options.regulatorName);
  if (!platform || !regulator) return null;
  const store = leadsStore(gw.db);
  if (store.ofPlatformCount(platform.id, 'all', '') > 0) return null;
  const actor = `regulator:${regulator.id}`;

  // The linked lead goes to a seller with a penalty (or a warning), so that the link is a true one.
  const penalty = gw.creditRecords
    .recentPenalties(200)
    .find((p) => p.platform_id === platform.id && p.seller_id && !p.withdrawn_at);
  const warning = riskStore(gw.db)
    .list({ platform_id: platform.id, limit: 200 })
    .find((w) => w.seller_id && gw.sellers.exists(platform.id, w.seller_id));
  const named = (options.sellerIds ?? []).filter((id) => gw.sellers.exists(platform.id, id));
  const sellers = [
    ...new Set([
      ...(penalty?.seller_id ? [penalty.seller_id] : warning?.seller_id ? [warning.seller_id] : []),
      ...named,
      ...store.sellersOf(platform.id, 3),
    ]),
  ].slice(0, 3);
  if (sellers.length === 0) return null;

  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  const leads: (LeadInput & { at: Date })[] = [
    {
      at: daysAgo(6),
      seller_id: sellers[0]!,
      goods: [{ name: '有机绿茶礼盒 250g', sku: 'SKU-30117' }],
      category: 'identity_mismatch',
      found:
        '店铺首页公示的营业执照上的统一社会信用代码属于另一家企业，与入驻时核验的经营主体不符；通知更正后 3 日内未改。',
      records: ['店铺首页快照（含公示的营业执照）', '入驻时的主体核验记录', '整改通知及商家回复记录'],
      measures: [
        { measure: 'warned_seller', taken_on: chinaToday(daysAgo(8)) },
        { measure: 'restricted_store', taken_on: chinaToday(daysAgo(6)) },
      ],
      measures_note: '通知限期更正；逾期后限制发布新商品，待主体信息更正后恢复。',
      found_on: chinaToday(daysAgo(9)),
      reference: 'DEMO-RISK-0001',
    },
    {
      at: daysAgo(3),
      seller_id: sellers[1 % sellers.length]!,
      goods: [
        { name: '“耐克”同款气垫运动鞋 42码', sku: 'SKU-20931' },
        { name: '“耐克”同款气垫运动鞋 43码', sku: 'SKU-20932' },
      ],
      category: 'counterfeit',
      found:
        '品牌方投诉后抽检：吊牌防伪码无法在品牌官网核验，鞋盒印刷与正品不符，商家无法提供进货凭证和品牌授权。',
      records: ['商品详情页快照（下架前）', '品牌方鉴定意见书', '近 90 日该商品的交易记录（312 笔）'],
      measures: [
        { measure: 'delisted_goods', taken_on: chinaToday(daysAgo(4)) },
        { measure: 'suspended_store', taken_on: chinaToday(daysAgo(3)) },
      ],
      measures_note: '下架涉事商品 2 件，暂停店铺经营 30 日。',
      found_on: chinaToday(daysAgo(5)),
      reference: 'DEMO-RISK-0002',
    },
    {
      at: daysAgo(1),
      seller_id: sellers[2 % sellers.length]!,
      goods: [{ name: '祛斑美白精华液 30ml', sku: 'SKU-55102' }],
      category: 'false_advertising',
      found: '商品详情页宣称“7天祛斑，无效退款”“医院同款”；该产品为普通化妆品，未取得特殊化妆品注册证。',
      records: ['商品详情页快照', '商家提交的产品备案信息'],
      measures: [
        { measure: 'delisted_goods', taken_on: chinaToday(daysAgo(1)) },
        { measure: 'warned_seller', taken_on: chinaToday(daysAgo(1)) },
      ],
      found_on: chinaToday(daysAgo(2)),
    },
  ];
  const filed = leads.map(
    ({ at, ...input }) =>
      fileLead(
        gw,
        { id: platform.id, slug: platform.slug },
        input,
        `demo-lead-${input.found_on}-${input.category}`,
        at,
      ).row,
  );
  const [first, second] = filed;
  assignLead(gw, first!.id, {}, actor, daysAgo(5));
  const samePenalty = penalty && penalty.seller_id === first!.seller_id;
  const sameWarning = warning && warning.seller_id === first!.seller_id;
  if (samePenalty || sameWarning)
    linkLead(
      gw,
      first!.id,
      samePenalty
        ? { penalty_id: penalty.id, note: '核查属实，已立案并作出行政处罚。' }
        : { warning_id: warning!.id, note: '与刷单风险预警为同一商家，并案核查。' },
      actor,
      daysAgo(2),
    );
  assignLead(gw, second!.id, {}, actor, daysAgo(2));
  return `${filed.length} violation leads from ${platform.slug} (/console/leads)`;
}
