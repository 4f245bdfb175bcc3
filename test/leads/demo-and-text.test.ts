import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemoLeads } from '../../src/leads/demo.ts';
import { leadsStore } from '../../src/leads/store.ts';
import { maskPersonalNumbers } from '../../src/leads/text.ts';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';
import { fileSellers, recordPenalty } from './helpers.ts';

describe('maskPersonalNumbers', () => {
  test.each([
    ['身份证 11010519491231002X 号', '身份证 110105********002X 号'],
    ['电话 138 1234 5678。', '电话 138****5678。'],
    ['+86 13812345678', '+86*******5678'],
    ['座机 (021) 1234 5678', '座机 021****5678'],
  ])('masks %s', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  test('leaves order numbers, SKUs, prices and dates alone', () => {
    const text = '订单 202603011234567890123，SKU-13812，价格 129.90 元，2026-03-01 发现';
    expect(maskPersonalNumbers(text)).toBe(text);
  });
});

describe('seedDemoLeads', () => {
  let t: TestGateway;
  beforeAll(() => {
    t = testGateway();
  });
  afterAll(() => t?.close());

  test('makes three leads of the platform once, the one about a penalised seller linked to its penalty', async () => {
    expect(seedDemoLeads(t.gw, { platform: t.platformA.slug, regulatorName: t.regulator.name })).toBeNull();
    const sellers = await fileSellers(t, t.platformA.key, ['demo-1', 'demo-2', 'demo-3']);
    const subject = sellers['demo-2']!.subject_id;
    const penalty = await recordPenalty(t, subject);
    // The penalty names the store, as the demo's do.
    t.gw.db
      .prepare('UPDATE penalties SET platform_id = ?, seller_id = ? WHERE id = ?')
      .run(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, 'demo-2', penalty.id);

    const line = seedDemoLeads(t.gw, { platform: t.platformA.slug, regulatorName: t.regulator.name });
    expect(line).toContain(`3 violation leads from ${t.platformA.slug}`);
    const store = leadsStore(t.gw.db);
    const rows = store.queue({ status: 'all' }, 10, 0);
    expect(rows.map((r) => [r.seller_id, r.category, r.status])).toEqual([
      ['demo-2', 'identity_mismatch', 'linked'],
      ['demo-1', 'counterfeit', 'in_review'],
      ['demo-3', 'false_advertising', 'submitted'],
    ]);
    expect(store.links(rows[0]!.id)).toEqual([
      expect.objectContaining({ kind: 'penalty', target_id: penalty.id }),
    ]);
    expect(
      t.gw.audit
        .ofTarget('lead', rows[0]!.id, 10)
        .map((e) => e.action)
        .reverse(),
    ).toEqual(['lead.submit', 'lead.assign', 'lead.link']);
    // Once only.
    expect(seedDemoLeads(t.gw, { platform: t.platformA.slug, regulatorName: t.regulator.name })).toBeNull();
    expect(store.queueCount({ status: 'all' })).toBe(3);
  });
});
