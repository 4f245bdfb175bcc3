import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normalizeCompanyName } from '../../crawlers/extract/names.ts';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { migrate } from '../../src/db/database.ts';
import { idCheckCharacter } from '../../src/lib/resident-id.ts';
import { sellerChecker, sellerIntake } from '../../src/sellers/file-sellers.ts';
import { enterprise, naturalPerson, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * A subject's shown name (decision 0013): no one platform can rename a subject in public. The name a
 * regulator confirmed wins; else the name (normalised) most platforms with an open store file; a tie
 * goes to the name filed first. Platforms that disagree raise a `name_conflict` alert, once per
 * disagreement and again when a new name appears. Everything through the real filing path.
 */
let t: TestGateway;
let platformC: { slug: string; key: string };
let codes = 0;
const newUscc = () => {
  const first17 = `91320500${String(++codes).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const newIdNumber = () => {
  const first17 = `33010619850101${String(++codes % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};
const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
const asRegulator = (method: string, url: string, body?: unknown) =>
  t.call(method, url, { key: t.regulator.token, ...(body === undefined ? {} : json(body)) });
const subjectOf = (platformSlug: string, sellerId: string) =>
  (
    t.gw.db
      .prepare(
        'SELECT s.subject_id FROM sellers s JOIN platforms p ON p.id = s.platform_id WHERE p.slug = ? AND s.seller_id = ?',
      )
      .get(platformSlug, sellerId) as { subject_id: string }
  ).subject_id;

async function file(platform: { key: string }, records: Record<string, unknown>[]) {
  const res = await t.fileSellers(platform.key, records);
  expect(res.status, res.text).toBe(201);
  expect(res.json.counts.rejected, res.text).toBe(0);
  return res.json;
}

/** The public page, asked for twice: the second answer must come from the kept copy. */
async function keptPage(subjectId: string) {
  const first = await t.call('GET', `/public/credit/subjects/${subjectId}`);
  expect(first.status, first.text).toBe(200);
  expect(t.gw.creditPages.flush()).toBe(true);
  const hits = t.gw.creditPages.stats.hits;
  const again = await t.call('GET', `/public/credit/subjects/${subjectId}`);
  expect(again.json.name).toBe(first.json.name);
  expect(t.gw.creditPages.stats.hits, 'served from the kept page').toBe(hits + 1);
  return again.json as { name: string; kind: string };
}

/** The public page's name right after a change: a kept page made stale by the change is not served. */
async function publicName(subjectId: string) {
  const page = await t.call('GET', `/public/credit/subjects/${subjectId}`);
  expect(page.status, page.text).toBe(200);
  return page.json.name as string;
}

const nameOf = async (subjectId: string) =>
  (await asRegulator('GET', `/v1/regulator/subjects/${subjectId}`)).json;
const conflictAlerts = async (subjectId: string) =>
  (await asRegulator('GET', '/v1/regulator/alerts?limit=1000')).json.alerts.filter(
    (a: { kind: string; subject_id: string }) => a.kind === 'name_conflict' && a.subject_id === subjectId,
  );

beforeAll(() => {
  t = testGateway();
  const slug = 'gamma-n';
  platformC = {
    slug,
    key: addPlatform(t.gw.accounts, { slug, name: 'Gamma Shop', uscc: '91330106673959654P' }).key,
  };
});

afterAll(async () => {
  await t?.close();
});

describe('the shown name', () => {
  test('another platform cannot rename a subject; a third platform agreeing flips it; a new name flips it back to the first filed', async () => {
    const uscc = newUscc();
    await file(t.platformA, [enterprise({ seller_id: 'n-a1', uscc, legal_name: '苏州甲乙商贸有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'n-a1');
    expect((await keptPage(subject)).name).toBe('苏州甲乙商贸有限公司');

    // B files the same code under another name, last: the public name stays A's (a tie, A filed first).
    const filedB = await file(t.platformB, [
      enterprise({ seller_id: 'n-b1', uscc, legal_name: '苏州乙丙贸易有限公司' }),
    ]);
    expect(await publicName(subject)).toBe('苏州甲乙商贸有限公司');
    let view = await nameOf(subject);
    expect(view.subject.legal_name).toBe('苏州甲乙商贸有限公司');
    expect(view.name, JSON.stringify(view.name)).toMatchObject({
      shown: '苏州甲乙商贸有限公司',
      basis: 'first_filed',
      confirmed: null,
      counted: [
        { legal_name: '苏州甲乙商贸有限公司', platforms: [t.platformA.slug] },
        { legal_name: '苏州乙丙贸易有限公司', platforms: [t.platformB.slug] },
      ],
      conflict: { names: 2 },
    });
    expect(view.name.filed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          platform: t.platformA.slug,
          seller_id: 'n-a1',
          legal_name: '苏州甲乙商贸有限公司',
        }),
        expect.objectContaining({
          platform: t.platformB.slug,
          seller_id: 'n-b1',
          legal_name: '苏州乙丙贸易有限公司',
        }),
      ]),
    );

    // One alert naming both platforms and both names, raised by B's filing.
    let alerts = await conflictAlerts(subject);
    expect(alerts, JSON.stringify(alerts)).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      platform_id: t.gw.accounts.platformBySlug(t.platformB.slug)!.id,
      filing_id: filedB.filing_id,
      acknowledged_at: null,
    });
    expect(alerts[0].names).toEqual([
      expect.objectContaining({
        platform: t.platformA.slug,
        seller_id: 'n-a1',
        legal_name: '苏州甲乙商贸有限公司',
        version: 1,
      }),
      expect.objectContaining({
        platform: t.platformB.slug,
        seller_id: 'n-b1',
        legal_name: '苏州乙丙贸易有限公司',
        version: 1,
      }),
    ]);

    // Filing again (a changed store, another store under the same name) raises no second alert.
    await file(t.platformB, [
      enterprise({ seller_id: 'n-b1', uscc, legal_name: '苏州乙丙贸易有限公司', store_name: '乙丙新店' }),
      enterprise({ seller_id: 'n-b2', uscc, legal_name: '苏州乙丙贸易有限公司' }),
    ]);
    await file(t.platformA, [
      enterprise({ seller_id: 'n-a1', uscc, legal_name: '苏州甲乙商贸有限公司', store_name: '甲乙新店' }),
    ]);
    expect(await conflictAlerts(subject)).toHaveLength(1);
    expect(await publicName(subject)).toBe('苏州甲乙商贸有限公司');

    // A third platform files B's name (with an ideographic space typed in it): B's name has two
    // platforms against one, and the kept page shows it at once.
    await keptPage(subject);
    await file(platformC, [
      enterprise({ seller_id: 'n-c1', uscc, legal_name: '苏州乙丙贸易\u3000有限公司' }),
    ]);
    expect(await publicName(subject)).toBe('苏州乙丙贸易有限公司');
    view = await nameOf(subject);
    expect(view.name).toMatchObject({ shown: '苏州乙丙贸易有限公司', basis: 'majority' });
    expect(view.name.counted[0].platforms).toEqual([t.platformB.slug, platformC.slug].sort());
    expect(await conflictAlerts(subject), 'the same two names: no new alert').toHaveLength(1);

    // C moves to a name nobody filed: one platform each, and the name filed first (A's) is shown again;
    // a new name is a new alert.
    await keptPage(subject);
    await file(platformC, [enterprise({ seller_id: 'n-c1', uscc, legal_name: '苏州丙丁实业有限公司' })]);
    expect(await publicName(subject)).toBe('苏州甲乙商贸有限公司');
    expect((await nameOf(subject)).name.basis).toBe('first_filed');
    alerts = await conflictAlerts(subject);
    expect(alerts).toHaveLength(2);
    expect(alerts[0].names.map((n: { legal_name: string }) => n.legal_name)).toContain(
      '苏州丙丁实业有限公司',
    );
  });

  test('spelling variants of one name are not a conflict, and the first spelling filed is shown', async () => {
    const uscc = newUscc();
    await file(t.platformA, [
      enterprise({ seller_id: 'v-a1', uscc, legal_name: '苏州示例（集团）有限公司' }),
    ]);
    await file(t.platformB, [enterprise({ seller_id: 'v-b1', uscc, legal_name: '苏州示例(集团) 有限公司' })]);
    await file(platformC, [enterprise({ seller_id: 'v-c1', uscc, legal_name: '苏州示例【集团】有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'v-a1');
    expect(await publicName(subject)).toBe('苏州示例（集团）有限公司');
    const view = await nameOf(subject);
    expect(view.name).toMatchObject({ basis: 'majority', conflict: null });
    expect(view.name.counted).toHaveLength(1);
    expect(view.name.counted[0].platforms).toHaveLength(3);
    expect(await conflictAlerts(subject)).toEqual([]);
  });

  test('a closed store no longer counts; a conflict that ends and begins again is alerted again', async () => {
    const uscc = newUscc();
    await file(t.platformA, [enterprise({ seller_id: 'c-a1', uscc, legal_name: '苏州开店有限公司' })]);
    await file(t.platformB, [enterprise({ seller_id: 'c-b1', uscc, legal_name: '苏州关店有限公司' })]);
    await file(platformC, [enterprise({ seller_id: 'c-c1', uscc, legal_name: '苏州关店有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'c-a1');
    expect(await publicName(subject)).toBe('苏州关店有限公司');
    expect(await conflictAlerts(subject)).toHaveLength(1);

    // C's store closes: one platform each, A's name was filed first.
    await keptPage(subject);
    await file(platformC, [
      enterprise({
        seller_id: 'c-c1',
        uscc,
        legal_name: '苏州关店有限公司',
        status: 'closed',
        closed_at: '2026-01-02',
      }),
    ]);
    expect(await publicName(subject)).toBe('苏州开店有限公司');

    // B agrees with A: the conflict ends (no alert); B files its old name again: a new alert.
    await file(t.platformB, [enterprise({ seller_id: 'c-b1', uscc, legal_name: '苏州开店有限公司' })]);
    expect((await nameOf(subject)).name.conflict).toBeNull();
    expect(await conflictAlerts(subject)).toHaveLength(1);
    await file(t.platformB, [enterprise({ seller_id: 'c-b1', uscc, legal_name: '苏州关店有限公司' })]);
    expect(await conflictAlerts(subject)).toHaveLength(2);
    expect(await publicName(subject)).toBe('苏州开店有限公司');
  });

  test('a store that moves to another subject no longer counts for the one it left', async () => {
    const uscc = newUscc();
    await file(t.platformA, [enterprise({ seller_id: 'm-a1', uscc, legal_name: '苏州留下有限公司' })]);
    await file(t.platformB, [enterprise({ seller_id: 'm-b1', uscc, legal_name: '苏州搬走有限公司' })]);
    await file(platformC, [enterprise({ seller_id: 'm-c1', uscc, legal_name: '苏州搬走有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'm-a1');
    expect(await publicName(subject)).toBe('苏州搬走有限公司');
    await file(platformC, [
      enterprise({ seller_id: 'm-c1', uscc: newUscc(), legal_name: '苏州搬走有限公司' }),
    ]);
    expect(await publicName(subject)).toBe('苏州留下有限公司');
  });

  test('a natural person is masked on the public page and in the alert', async () => {
    const id = newIdNumber();
    await file(t.platformA, [naturalPerson({ seller_id: 'p-a1', id_number: id, legal_name: '周小红' })]);
    await file(t.platformB, [naturalPerson({ seller_id: 'p-b1', id_number: id, legal_name: '周晓宏' })]);
    const subject = subjectOf(t.platformA.slug, 'p-a1');
    expect(await publicName(subject)).toBe('周**');
    const [alert] = await conflictAlerts(subject);
    expect(alert.names.map((n: { legal_name: string }) => n.legal_name)).toEqual(['周**', '周**']);
    const listed = await asRegulator('GET', '/v1/regulator/alerts?limit=1000');
    expect(listed.text).not.toContain('小红');
    expect(listed.text).not.toContain('晓宏');
  });

  test('a subject created by one filing and joined by another before it published', () => {
    // Two platforms' filings stage in turn on the writer; the one that created the subject publishes last.
    const uscc = newUscc();
    const check = sellerChecker(t.gw.keys);
    const now = new Date();
    const stageAndMaybePublish = (slug: string, record: Record<string, unknown>, filingId: string) => {
      const intake = sellerIntake(t.gw.sellers, t.gw.accounts.platformBySlug(slug)!.id, t.gw.creditRecords);
      const checked = check({ position: { index: 0 }, value: record }, now);
      expect(intake.admit(checked, filingId).errors).toEqual([]);
      t.gw.db.transaction(() => intake.stage(filingId, new Date().toISOString()))();
      return () => t.gw.db.transaction(() => intake.publish(filingId))();
    };
    const publishA = stageAndMaybePublish(
      t.platformA.slug,
      enterprise({ seller_id: 'j-a1', uscc, legal_name: '苏州先来有限公司' }),
      'FILING-J-A',
    );
    const publishB = stageAndMaybePublish(
      t.platformB.slug,
      enterprise({ seller_id: 'j-b1', uscc, legal_name: '苏州后到有限公司' }),
      'FILING-J-B',
    );
    publishB();
    const subject = subjectOf(t.platformB.slug, 'j-b1');
    expect(t.gw.sellers.subject(subject)!.legal_name).toBe('苏州后到有限公司');
    publishA();
    expect(t.gw.sellers.subject(subject)).toMatchObject({
      legal_name: '苏州先来有限公司',
      name_basis: 'first_filed',
    });
    expect(t.gw.db.prepare('SELECT count(*) AS n FROM subject_names_due').get()).toEqual({ n: 0 });
  });
});

describe('a regulator confirms a name', () => {
  test('the confirmed name wins over every filing, at once on the kept page, audited in the same transaction', async () => {
    const uscc = newUscc();
    await file(t.platformA, [enterprise({ seller_id: 'k-a1', uscc, legal_name: '苏州确认前有限公司' })]);
    await file(t.platformB, [enterprise({ seller_id: 'k-b1', uscc, legal_name: '苏州确认前有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'k-a1');
    await keptPage(subject);

    const confirmed = await asRegulator('POST', `/v1/regulator/subjects/${subject}/name`, {
      legal_name: ' 苏州确认后有限公司 ',
      reason: '核对国家企业信用信息公示系统登记名称',
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json).toMatchObject({
      shown: '苏州确认后有限公司',
      basis: 'confirmed',
      confirmed: { legal_name: '苏州确认后有限公司', reason: '核对国家企业信用信息公示系统登记名称' },
    });
    expect(await publicName(subject)).toBe('苏州确认后有限公司');
    const audit = await asRegulator('GET', '/v1/regulator/audit?limit=5');
    expect(audit.json.entries[0]).toMatchObject({
      action: 'subject.name.confirm',
      target_type: 'subject',
      target_id: subject,
      reason: '核对国家企业信用信息公示系统登记名称',
      detail: {
        legal_name: '苏州确认后有限公司',
        previous: { legal_name: '苏州确认前有限公司', basis: 'majority' },
      },
    });
    expect(confirmed.json.confirmed.by).toBe(audit.json.entries[0].actor);

    // Platforms filing other names change nothing the public sees.
    await keptPage(subject);
    await file(t.platformA, [enterprise({ seller_id: 'k-a1', uscc, legal_name: '苏州另一个有限公司' })]);
    await file(platformC, [enterprise({ seller_id: 'k-c1', uscc, legal_name: '苏州另一个有限公司' })]);
    expect(await publicName(subject)).toBe('苏州确认后有限公司');
    expect((await nameOf(subject)).name.basis).toBe('confirmed');
  });

  test('refusals: unknown subject, bad body, no key, a platform key', async () => {
    const uscc = newUscc();
    await file(t.platformA, [enterprise({ seller_id: 'r-a1', uscc, legal_name: '苏州拒绝有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'r-a1');
    const path = `/v1/regulator/subjects/${subject}/name`;
    const body = { legal_name: '苏州新名有限公司', reason: '登记名称' };
    expect(
      (await asRegulator('POST', '/v1/regulator/subjects/01J00000000000000000000000/name', body)).status,
    ).toBe(404);
    const missing = await asRegulator('POST', path, { legal_name: '苏州新名有限公司' });
    expect(missing.status, missing.text).toBe(400);
    expect((await asRegulator('POST', path, { ...body, extra: 1 })).status).toBe(400);
    const control = await asRegulator('POST', path, { ...body, legal_name: '苏州\u0000有限公司' });
    expect(control.status, control.text).toBe(400);
    expect((await t.call('POST', path, json(body))).status).toBe(401);
    expect((await t.call('POST', path, { key: t.platformA.key, ...json(body) })).status).toBe(403);
    expect(await publicName(subject)).toBe('苏州拒绝有限公司');
  });
});

describe('the alert', () => {
  test('is acknowledged like any other and not raised again while the conflict stands', async () => {
    const uscc = newUscc();
    await file(t.platformA, [enterprise({ seller_id: 'a-a1', uscc, legal_name: '苏州告警甲有限公司' })]);
    await file(t.platformB, [enterprise({ seller_id: 'a-b1', uscc, legal_name: '苏州告警乙有限公司' })]);
    const subject = subjectOf(t.platformA.slug, 'a-a1');
    const [alert] = await conflictAlerts(subject);
    const ack = await asRegulator('POST', `/v1/regulator/alerts/${alert.id}/acknowledge`);
    expect(ack.status, ack.text).toBe(200);
    expect(ack.json).toMatchObject({ id: alert.id, kind: 'name_conflict', names: alert.names });
    expect(ack.json.acknowledged_at).not.toBeNull();
    await file(t.platformB, [
      enterprise({ seller_id: 'a-b1', uscc, legal_name: '苏州告警乙有限公司', store_name: '又一次' }),
    ]);
    expect(await conflictAlerts(subject)).toEqual([]);
    const record = await nameOf(subject);
    expect(record.alerts).toHaveLength(1);
  });
});

describe('migration 012', () => {
  test('existing subjects get their shown name by the rule, conflicts their alert, and the names the same keys as the code', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { upTo: 11 });
    db.exec(`INSERT INTO platforms (id, slug, name, uscc, created_at) VALUES
      (1, 'a', 'A', '91330106673959654P', '2026-01-01T00:00:00.000Z'),
      (2, 'b', 'B', '91330106673959654P', '2026-01-01T00:00:00.000Z'),
      (3, 'c', 'C', '91330106673959654P', '2026-01-01T00:00:00.000Z')`);
    const subject = db.prepare(
      `INSERT INTO subjects (id, kind, uscc, legal_name, created_at, updated_at)
       VALUES (?, 'enterprise', ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    const version = db.prepare(
      `INSERT INTO seller_versions (platform_id, seller_id, version, filing_id, subject_id, filed_at, digest,
         subject_type, legal_name, store_name, store_url, status, record)
       VALUES (?, ?, ?, 'F', ?, ?, x'00', 'enterprise', ?, 'store', 'https://shop.example.cn/', ?, '{}')`,
    );
    const seller = db.prepare(
      `INSERT INTO sellers (platform_id, seller_id, subject_id, version, digest, subject_type, legal_name,
         store_name, store_url, status, first_filed_at, updated_at)
       VALUES (?, ?, ?, ?, x'00', 'enterprise', ?, 'store', 'https://shop.example.cn/', ?, ?, ?)`,
    );
    /** A seller's versions, oldest first, as an older gateway left them. */
    const legacy = (
      platform: number,
      sellerId: string,
      subjectId: string,
      names: [string, string, string?][],
    ) => {
      names.forEach(([name, at, status], i) =>
        version.run(platform, sellerId, i + 1, subjectId, at, name, status ?? 'active'),
      );
      const [name, at, status] = names.at(-1)!;
      seller.run(platform, sellerId, subjectId, names.length, name, status ?? 'active', names[0]![1], at);
    };
    // B filed last and renamed the subject; A and C agree (in two spellings).
    subject.run('S1', 'U1', '苏州后改有限公司');
    legacy(1, 'a', 'S1', [['苏州原名（集团）有限公司', '2026-01-01T00:00:00.000Z']]);
    legacy(3, 'c', 'S1', [['苏州原名(集团)有限公司', '2026-02-01T00:00:00.000Z']]);
    legacy(2, 'b', 'S1', [['苏州后改有限公司', '2026-03-01T00:00:00.000Z']]);
    // A tie: A's name, filed since its second version, against B's name filed earlier but changed later.
    subject.run('S2', 'U2', '苏州二号乙有限公司');
    legacy(1, 'a2', 'S2', [
      ['苏州二号旧有限公司', '2026-01-01T00:00:00.000Z'],
      ['苏州二号甲有限公司', '2026-04-01T00:00:00.000Z'],
    ]);
    legacy(2, 'b2', 'S2', [
      ['苏州二号乙有限公司', '2026-02-01T00:00:00.000Z'],
      ['苏州二号乙有限公司', '2026-05-01T00:00:00.000Z'],
    ]);
    // A closed store does not count while another is open.
    subject.run('S3', 'U3', '苏州三号关有限公司');
    legacy(1, 'a3', 'S3', [['苏州三号开有限公司', '2026-01-01T00:00:00.000Z']]);
    legacy(2, 'b3', 'S3', [['苏州三号关有限公司', '2026-02-01T00:00:00.000Z', 'closed']]);
    // Spellings the normaliser folds, compared with the code's own keys.
    const spellings = [
      'ＡＢＣ　Trading （中国）',
      '  abc trading(中国) ',
      '【杭州】示例\u200b有限公司',
      '〔杭州〕示例〈有限〉《公司》「甲」『乙』〖丙〗〘丁〙〚戊〛｟己｠⦅庚⦆',
      'Ärger · GmbH・Ｘ',
      'ΣΟΦΙΑ Иван Ѐ',
      'tab\tnew\nline\u00a0nbsp\u3000ideo\ufeffbom\u2028sep',
      '｛ＢＲＡＣＥＳ｝［ＳＱ］＜ＡＮＧ＞',
      'Ⅱ期 Ⓐ座 Āb Ǎ Ŋ Ź Ĺ ıi',
    ];
    spellings.forEach((name, i) => {
      subject.run(`K${i}`, `UK${i}`, name);
      legacy(1, `k${i}`, `K${i}`, [[name, '2026-01-01T00:00:00.000Z']]);
    });

    migrate(db);
    const shown = db.prepare('SELECT legal_name, name_basis FROM subjects WHERE id = ?');
    expect(shown.get('S1')).toEqual({ legal_name: '苏州原名（集团）有限公司', name_basis: 'majority' });
    expect(shown.get('S2')).toEqual({ legal_name: '苏州二号乙有限公司', name_basis: 'first_filed' });
    expect(shown.get('S3')).toEqual({ legal_name: '苏州三号开有限公司', name_basis: 'majority' });
    const keys = db.prepare('SELECT legal_name, name_key FROM sellers').all() as {
      legal_name: string;
      name_key: string;
    }[];
    for (const k of keys)
      expect(k.name_key, JSON.stringify(k.legal_name)).toBe(normalizeCompanyName(k.legal_name));
    const alerts = db
      .prepare("SELECT subject_id, id, detail FROM alerts WHERE kind = 'name_conflict' ORDER BY subject_id")
      .all() as {
      subject_id: string;
      id: string;
      detail: string;
    }[];
    expect(alerts.map((a) => a.subject_id)).toEqual(['S1', 'S2']);
    for (const a of alerts) expect(a.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(JSON.parse(alerts[0]!.detail).sellers).toHaveLength(3);
    expect(db.prepare('SELECT count(*) AS n FROM subject_names_due').get()).toEqual({ n: 0 });
    db.close();
  });
});
