import { expect } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { riskStore } from '../../src/risk/store.ts';
import { enterprise, type TestGateway } from '../helpers/gateway.ts';

/** Helpers of the lead tests: a lead body, sellers with their own subjects, a penalty and a warning. */

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const asJson = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });

let serial = 0;
export const newUscc = () => {
  const first17 = `91330106${String(++serial + 500).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

export function leadBody(sellerId: string, over: Record<string, unknown> = {}) {
  return {
    seller_id: sellerId,
    goods: [{ name: '气垫运动鞋 42码', sku: 'SKU-1', url: 'https://shop.example.cn/item/1' }],
    category: 'counterfeit',
    found: '品牌方鉴定为假冒商品，商家无法提供授权。',
    records: ['商品页面快照', '品牌方鉴定意见'],
    measures: [{ measure: 'delisted_goods', taken_on: chinaToday() }],
    found_on: chinaToday(),
    ...over,
  };
}

/** Files sellers with one subject each on `key`'s platform; their subject ids by seller id. */
export async function fileSellers(t: TestGateway, key: string, sellerIds: string[]) {
  const filed = await t.fileSellers(
    key,
    sellerIds.map((id) => enterprise({ seller_id: id, uscc: newUscc() })),
  );
  expect(filed.status, filed.text).toBe(201);
  expect(filed.json.counts.rejected, filed.text).toBe(0);
  const slug = key === t.platformA.key ? t.platformA.slug : t.platformB.slug;
  const platform = t.gw.accounts.platformBySlug(slug)!;
  return Object.fromEntries(sellerIds.map((id) => [id, t.gw.sellers.seller(platform.id, id)!]));
}

export async function recordPenalty(t: TestGateway, subjectId: string) {
  const res = await t.call('POST', '/v1/regulator/penalties', {
    key: t.regulator.token,
    ...asJson({
      decision_number: `杭市监罚〔2026〕L${++serial}号`,
      subject_id: subjectId,
      authority: '杭州市市场监督管理局',
      facts: '销售假冒注册商标的商品。',
      legal_basis: '《中华人民共和国商标法》第六十条',
      penalty: '没收侵权商品，罚款人民币二万元',
      severity: 'moderate',
      decided_on: chinaToday(),
    }),
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; decision_number: string };
}

/** A risk warning about a store (as the risk run writes one), straight into the store. */
export function insertWarning(
  t: TestGateway,
  w: { platformId: number; sellerId: string; subjectId: string },
): string {
  const id = newId();
  riskStore(t.gw.db).insert({
    id,
    signal: 'order_brushing',
    target: `store:${w.platformId}:${w.sellerId}`,
    subject_id: w.subjectId,
    platform_id: w.platformId,
    seller_id: w.sellerId,
    store_url: null,
    rule_version: 'test',
    severity: 'medium',
    score: 60,
    at: new Date().toISOString(),
    explanation: JSON.stringify({ text: 'test', rule: 'test', threshold: {}, found: {}, comparison: null }),
    evidence: JSON.stringify({}),
  });
  return id;
}
