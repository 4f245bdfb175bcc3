import { afterEach, expect, test } from 'vitest';
import { enterList, overturnPenalty, recordPenalty, removeFromList } from '../../src/credit/service.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * The credit verbs announce what they change, in their own transactions: a published penalty and its
 * withdrawal, a list entry and its removal; a refused verb leaves no event; the store's platform sees
 * the penalty about its store, the other platform sees nothing of a subject it never filed.
 */
let t: TestGateway;
afterEach(async () => {
  await t?.gw.crawls.idle();
  await t?.close();
});

test('penalties and list entries are announced with their data, refusals are not', async () => {
  // Entering a list crawls the subject's stores: at a short spacing that crawl is over in a moment.
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const seller = enterprise();
  expect((await t.fileSellers(t.platformA.key, [seller])).status).toBe(201);
  const subjectId = t.gw.db.prepare<[], { subject_id: string }>('SELECT subject_id FROM sellers').get()!
    .subject_id;
  const platformA = t.gw.accounts.platformBySlug(t.platformA.slug)!;
  const penalty = recordPenalty(
    t.gw,
    {
      decision_number: '杭市监罚〔2026〕1号',
      subject_id: subjectId,
      authority: '杭州市市场监督管理局',
      facts: '未公示营业执照信息',
      legal_basis: '《电子商务法》第七十六条',
      penalty: '罚款人民币五千元',
      severity: 'minor',
      sector: 'general',
      decided_on: chinaToday(),
      store: { platform_id: platformA.id, seller_id: seller.seller_id },
      publish: true,
    },
    'regulator:1',
  );
  // The same decision number again is refused: no second event.
  expect(() =>
    recordPenalty(
      t.gw,
      { ...penalty, store: undefined, publish: true } as Parameters<typeof recordPenalty>[1],
      'regulator:1',
    ),
  ).toThrow(/recorded already/);
  overturnPenalty(t.gw, penalty.id, { overturned_on: chinaToday(), reason: 'court' }, 'regulator:1');
  const { entry } = enterList(
    t.gw,
    'abnormal',
    { subject_id: subjectId, reason: 'unreachable', legal_basis: '《企业信息公示暂行条例》' },
    'regulator:1',
  );
  expect(() =>
    enterList(t.gw, 'abnormal', { subject_id: subjectId, reason: 'again', legal_basis: 'x' }, 'regulator:1'),
  ).toThrow();
  removeFromList(t.gw, entry.id, { reason: 'error', note: 'wrong subject' }, 'regulator:1');

  const all = t.gw.events.feed('all', 0, 100);
  expect(all.rows.map((e) => [e.seq, e.type])).toEqual([
    [1, 'penalty.published'],
    [2, 'penalty.withdrawn'],
    [3, 'list.entered'],
    [4, 'list.removed'],
  ]);
  const [published, withdrawn, entered, removed] = all.rows.map((e) => JSON.parse(e.data));
  expect(published).toMatchObject({
    penalty_id: penalty.id,
    decision_number: '杭市监罚〔2026〕1号',
    subject_id: subjectId,
    uscc: seller.uscc,
    platform: t.platformA.slug,
    seller_id: seller.seller_id,
    severity: 'minor',
  });
  expect(published.public_until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(withdrawn).toMatchObject({ penalty_id: penalty.id, reason: 'overturned' });
  expect(entered).toMatchObject({ entry_id: entry.id, list: 'abnormal', subject_id: subjectId });
  expect(removed).toMatchObject({ entry_id: entry.id, removal_reason: 'error' });
  // No personal data: the filed phone number appears in no event.
  expect(JSON.stringify(all.rows)).not.toContain(seller.contact_phone);

  expect(t.gw.events.feed({ platformId: platformA.id }, 0, 100).rows).toHaveLength(4);
  const platformB = t.gw.accounts.platformBySlug(t.platformB.slug)!;
  expect(t.gw.events.feed({ platformId: platformB.id }, 0, 100)).toMatchObject({ rows: [], next_after: 4 });
});
