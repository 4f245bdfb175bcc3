import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { creditPages } from '../../src/credit/pages.ts';
import { recordPenalty } from '../../src/credit/service.ts';
import { publicSubjectView } from '../../src/credit/views.ts';
import { openCacheConnection } from '../../src/db/database.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { runCli } from '../helpers/cli.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * Kept public credit pages (src/credit/pages.ts): a kept page is the page built from the records, it
 * stops counting at every write that can change it (whichever path makes the write) and at the moments
 * time changes it, and keeping pages never holds up a request.
 */
let web: FixtureWeb;
let t: TestGateway;
let codes = 0;
const newUscc = () => {
  const first17 = `91440300${String(++codes).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
const asRegulator = (method: string, url: string, body?: unknown) =>
  t.call(method, url, { key: t.regulator.token, ...(body === undefined ? {} : json(body)) });
const subjectOf = (sellerId: string) =>
  (
    t.gw.db.prepare('SELECT subject_id FROM sellers WHERE seller_id = ?').get(sellerId) as {
      subject_id: string;
    }
  ).subject_id;
const pages = () => t.gw.creditPages;
const platformA = () => t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
/** The page as the records say it is at `now`, serialised as the route sends it. */
const live = (subjectId: string, now: Date) => JSON.stringify(publicSubjectView(t.gw, subjectId, now));

/** A penalty decided on `decidedOn`, recorded and published at once through the credit service. */
const publishedPenalty = (subjectId: string, severity: 'minor' | 'moderate', decidedOn: string) =>
  recordPenalty(
    t.gw,
    {
      decision_number: `深市监罚〔2026〕${++codes}号`,
      subject_id: subjectId,
      authority: '深圳市市场监督管理局',
      facts: '未在首页显著位置公示营业执照信息',
      legal_basis: '《中华人民共和国电子商务法》第七十六条',
      penalty: '警告',
      severity,
      sector: 'general',
      decided_on: decidedOn,
      publish: true,
    },
    'regulator:1',
  );

/** Asks for the page and says whether it was served from the kept copy, checking it against the records. */
function served(subjectId: string, now = new Date()): 'kept' | 'built' {
  const { hits, builds } = pages().stats;
  const page = pages().json(subjectId, now);
  expect(page).toBe(live(subjectId, now));
  if (pages().stats.hits === hits + 1 && pages().stats.builds === builds) return 'kept';
  expect(pages().stats.builds).toBe(builds + 1);
  return 'built';
}

async function fileStore(sellerId: string, over: Record<string, unknown> = {}) {
  const res = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: sellerId, ...over })]);
  expect(res.status, res.text).toBe(201);
}

beforeAll(async () => {
  web = await startFixtureWeb();
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
}, 30_000);

afterAll(async () => {
  await t?.gw.crawls.idle();
  await t?.close();
  await web?.close();
});

describe('kept public credit pages', () => {
  test('every write that can change a page makes its kept copy stale, whatever path writes it', async () => {
    const honest = web.cases.find((c) => c.id === 'footer-text')!;
    const record = {
      seller_id: 'kept-1',
      legal_name: honest.filed.name,
      uscc: honest.filed.uscc,
      store_url: honest.url,
    };
    await fileStore('kept-1', record);
    const subject = subjectOf('kept-1');
    expect(served(subject)).toBe('built');
    expect(pages().flush()).toBe(true);
    expect(served(subject)).toBe('kept');

    /** Runs a write, then: the kept page is not served, the rebuilt one is kept again. */
    const afterWrite = async (write: () => unknown) => {
      expect(served(subject)).toBe('kept');
      await write();
      expect(served(subject)).toBe('built');
      expect(pages().flush()).toBe(true);
      return JSON.parse(pages().json(subject));
    };

    // A verification (the crawler's connection and transaction).
    let page = await afterWrite(async () => {
      t.gw.crawls.start({ stores: [{ platform_id: platformA(), seller_id: 'kept-1' }] }, 'test');
      await t.gw.crawls.idle();
    });
    expect(page.latest_verification).toMatchObject({ verdict: 'compliant', seller_id: 'kept-1' });

    // A trust mark issued, through the API.
    let markId = '';
    page = await afterWrite(async () => {
      const res = await asRegulator('POST', '/v1/regulator/marks', {
        platform: t.platformA.slug,
        seller_id: 'kept-1',
      });
      expect(res.status, res.text).toBe(201);
      markId = res.json.mark_id;
    });
    expect(page.marks.map((m: { mark_id: string }) => m.mark_id)).toEqual([markId]);

    // A penalty recorded and published, through the service.
    let penaltyId = '';
    page = await afterWrite(() => {
      penaltyId = publishedPenalty(subject, 'moderate', chinaToday()).id;
    });
    expect(page.penalties).toHaveLength(1);
    expect(page.credit.explanation.map((e: { kind: string }) => e.kind)).toEqual(['penalty']);
    expect(penaltyId).toMatch(/^[0-9A-Z]{26}$/);

    // The store filed again under a new name: the filing writer's thread writes it.
    page = await afterWrite(() => fileStore('kept-1', { ...record, store_name: '新店名旗舰店' }));
    expect(page.stores[0].store_name).toBe('新店名旗舰店');

    // A complaint lodged by a consumer, then accepted by the regulator.
    let complaintId = '';
    page = await afterWrite(async () => {
      const res = await t.call(
        'POST',
        '/public/complaints',
        json({
          platform: t.platformA.slug,
          seller_id: 'kept-1',
          category: 'quality',
          description: '收到的茶叶发霉，商家拒绝退款。',
          complainant: { name: '李四', phone: '13912340001' },
        }),
      );
      expect(res.status, res.text).toBe(201);
      complaintId = res.json.complaint_id;
    });
    expect(page.complaints.received).toBe(1);
    await afterWrite(async () => {
      const res = await asRegulator('POST', `/v1/regulator/complaints/${complaintId}/steps`, {
        type: 'accept',
      });
      expect(res.status, res.text).toBe(200);
    });

    // Orders filed: complaints per thousand orders change.
    page = await afterWrite(async () => {
      const res = await t.call('POST', '/v1/transactions', {
        key: t.platformA.key,
        type: 'application/x-ndjson',
        body: ndjson([order('kept-1'), order('kept-1')]),
      });
      expect(res.status, res.text).toBe(201);
    });
    expect(page.complaints.orders_filed).toBe(2);
    expect(page.complaints.per_thousand_orders).toBe(500);

    // A platform renamed by hand in the database: the triggers see every write.
    page = await afterWrite(() =>
      t.gw.db.prepare('UPDATE platforms SET name = ? WHERE id = ?').run('阿尔法商城', platformA()),
    );
    expect(page.stores[0].platform_name).toBe('阿尔法商城');

    // The subject entered on the abnormal list: its mark is revoked in the same step.
    page = await afterWrite(async () => {
      const res = await asRegulator('POST', '/v1/regulator/lists/abnormal/entries', {
        subject_id: subject,
        reason: '通过登记的住所或者经营场所无法联系',
        legal_basis: '《企业经营异常名录管理暂行办法》第四条',
      });
      expect(res.status, res.text).toBe(201);
    });
    expect(page.lists).toEqual([expect.objectContaining({ list: 'abnormal' })]);
    expect(page.marks).toEqual([]);
    expect(page.credit.explanation.map((e: { kind: string }) => e.kind)).toContain('list_abnormal');
    await t.gw.crawls.idle();
    pages().flush();
  }, 60_000);

  test('the score is of the moment it is asked for; time changes a kept page when a mark expires or a penalty stops being public', async () => {
    await fileStore('kept-2', { uscc: newUscc() });
    const subject = subjectOf('kept-2');
    const decided = new Date(Date.now() - 40 * 86_400_000);
    publishedPenalty(subject, 'minor', chinaToday(decided));
    const now = new Date();
    expect(served(subject, now)).toBe('built');
    pages().flush();
    const row = t.gw.db.prepare('SELECT changes_at FROM credit_pages WHERE subject_id = ?').get(subject) as {
      changes_at: string;
    };
    // A minor penalty is public for 3 months from its publication: the page changes at that day's start.
    const publicUntil = JSON.parse(pages().json(subject, now)).penalties[0].public_until as string;
    expect(row.changes_at).toBe(new Date(`${publicUntil}T00:00:00+08:00`).toISOString());

    // A month on, the kept page still serves, with the score decayed to that moment.
    const later = new Date(now.getTime() + 30 * 86_400_000);
    expect(served(subject, later)).toBe('kept');
    const [first, second] = [now, later].map((at) => JSON.parse(pages().json(subject, at)).credit);
    expect(second.explanation[0].decay).toBeLessThan(first.explanation[0].decay);
    expect(second.at).toBe(later.toISOString());

    // The last moment of publication serves the kept page; the next one does not, and has no penalty.
    const end = Date.parse(row.changes_at);
    expect(served(subject, new Date(end - 1))).toBe('kept');
    expect(served(subject, new Date(end))).toBe('built');
    expect(JSON.parse(pages().json(subject, new Date(end))).penalties).toEqual([]);
    // A page built for a later moment is not served for an earlier one.
    pages().flush();
    expect(served(subject, now)).toBe('built');
    pages().flush();

    // A mark expires: the page with the mark is kept until the mark's last moment.
    const honest = web.cases.find((c) => c.id === 'json-ld')!;
    await fileStore('kept-3', {
      legal_name: honest.filed.name,
      uscc: honest.filed.uscc,
      store_url: honest.url,
    });
    t.gw.crawls.start({ stores: [{ platform_id: platformA(), seller_id: 'kept-3' }] }, 'test');
    await t.gw.crawls.idle();
    const marked = await asRegulator('POST', '/v1/regulator/marks', {
      platform: t.platformA.slug,
      seller_id: 'kept-3',
      days: 30,
    });
    expect(marked.status, marked.text).toBe(201);
    const holder = subjectOf('kept-3');
    expect(served(holder)).toBe('built');
    pages().flush();
    const expires = Date.parse(marked.json.expires_at);
    expect(served(holder, new Date(expires - 1))).toBe('kept');
    expect(served(holder, new Date(expires))).toBe('built');
    expect(JSON.parse(pages().json(holder, new Date(expires))).marks).toEqual([]);
  }, 30_000);

  test('a page built before a write and kept after it is never served', async () => {
    const uscc = newUscc();
    await fileStore('kept-4', { uscc });
    const subject = subjectOf('kept-4');
    pages().json(subject); // built at the subject's version, waiting to be written
    expect(pages().pendingCount()).toBeGreaterThan(0);
    await fileStore('kept-4', { uscc, store_name: '后来的店名' }); // a write in between
    expect(pages().flush()).toBe(true); // the page of the earlier version is written now
    expect(served(subject)).toBe('built');
    expect(JSON.parse(pages().json(subject)).stores[0].store_name).toBe('后来的店名');
  });

  test('keeping a page never waits for the write lock: a busy database defers the write, the request is served', async () => {
    await fileStore('kept-5', { uscc: newUscc() });
    const subject = subjectOf('kept-5');
    expect(pages().flush()).toBe(true);
    const other = new Database(path.join(t.dataDir, 'marketgate.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(served(subject)).toBe('built');
      expect(pages().flush()).toBe(false);
      expect(pages().pendingCount()).toBe(1);
      expect(served(subject)).toBe('built');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(pages().flush()).toBe(true);
    expect(pages().pendingCount()).toBe(0);
    expect(served(subject)).toBe('kept');
  });

  test('a page kept for another public URL is not served (its mark links would be wrong)', async () => {
    await fileStore('kept-6', { uscc: newUscc() });
    const subject = subjectOf('kept-6');
    pages().json(subject);
    pages().flush();
    const elsewhere = creditPages(
      { ...t.gw, config: { ...t.gw.config, publicUrl: 'https://credit.example.gov.cn' } },
      openCacheConnection(t.dataDir),
    );
    try {
      elsewhere.json(subject);
      expect(elsewhere.stats).toMatchObject({ hits: 0, builds: 1 });
    } finally {
      elsewhere.close();
    }
  });

  test('an unknown subject is 404 and nothing is kept', async () => {
    const before = pages().pendingCount();
    expect(() => pages().json('0'.repeat(26))).toThrow(/subject/);
    expect(pages().pendingCount()).toBe(before);
    const res = await t.call('GET', `/public/credit/subjects/${'0'.repeat(26)}`);
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('not_found');
  });

  test('the route serves the kept page as JSON, cacheable for a minute', async () => {
    await fileStore('kept-7', { uscc: newUscc() });
    const subject = subjectOf('kept-7');
    pages().json(subject);
    pages().flush();
    const hits = pages().stats.hits;
    const res = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(res.status).toBe(200);
    expect(pages().stats.hits).toBe(hits + 1);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.json).toMatchObject({ subject_id: subject, credit: { tier: 'A', score: 100 } });
    expect(Date.parse(res.json.credit.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('`marketgate credit pages` keeps every missing or stale page, and then has nothing to do', async () => {
    await fileStore('kept-8', { uscc: newUscc() });
    const first = await runCli(['credit', 'pages', '--data', t.dataDir]);
    expect(first.code, first.stderr).toBe(0);
    const count = Number(/kept (\d+) public credit pages/.exec(first.stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    const kept = t.gw.db
      .prepare('SELECT count(*) FROM credit_pages WHERE subject_id = ?')
      .pluck()
      .get(subjectOf('kept-8'));
    expect(kept).toBe(1);
    const second = await runCli(['credit', 'pages', '--data', t.dataDir]);
    expect(second.stdout).toMatch(/kept 0 public credit pages/);
    expect(served(subjectOf('kept-8'))).toBe('kept');
  });
});
