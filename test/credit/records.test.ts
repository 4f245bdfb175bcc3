import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { checkAuditCheckpoint } from '../../src/audit/checkpoint.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { MODEL_V1, scoreSubject } from '../../src/credit/model.ts';
import { publishDeadline } from '../../src/credit/rules.ts';
import {
  enterList,
  fileCommitment,
  recordPenalty,
  removeFromList,
  repairPenalty,
  rescore,
  rescoreAll,
  sweepCredit,
} from '../../src/credit/service.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { idCheckCharacter } from '../../src/lib/resident-id.ts';
import { runCli } from '../helpers/cli.ts';
import { enterprise, naturalPerson, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * Credit records beside the ledger: penalties and their publication, the two lists, repair,
 * commitments, the joint-punishment warning across platforms, and what the public and regulators see.
 */
let web: FixtureWeb;
let t: TestGateway;
const store = (id: string) => web.cases.find((c) => c.id === id)!;
let codes = 0;
/** A fresh valid unified social credit code (a new market subject each time). */
function newUscc(): string {
  const first17 = `91330106${String(++codes).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}
/** A fresh valid resident ID number (a new natural person each time). */
function newIdNumber(): string {
  const first17 = `33010619900101${String(++codes % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}
const subjectOf = (sellerId: string) =>
  t.gw.db
    .prepare<[string], { subject_id: string }>('SELECT subject_id FROM sellers WHERE seller_id = ?')
    .get(sellerId)!.subject_id;
const idOf = (platform: { slug: string }) => t.gw.accounts.platformBySlug(platform.slug)!.id;
const regulatorActor = () =>
  `regulator:${(t.gw.db.prepare('SELECT id FROM regulators WHERE name = ?').get(t.regulator.name) as { id: number }).id}`;
const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
const asRegulator = (method: string, url: string, body?: unknown) =>
  t.call(method, url, { key: t.regulator.token, ...(body === undefined ? {} : json(body)) });
const penaltyBody = (subjectId: string, over: Record<string, unknown> = {}) => ({
  decision_number: `杭市监罚〔2026〕${++codes}号`,
  subject_id: subjectId,
  authority: '杭州市市场监督管理局',
  facts: '未在首页显著位置公示营业执照信息；联系人电话 138 1234 5678。',
  legal_basis: '《中华人民共和国电子商务法》第七十六条',
  penalty: '警告，罚款人民币五千元',
  severity: 'moderate',
  decided_on: chinaToday(),
  ...over,
});
/** Files a seller of a new subject (or the given code) whose store answers 404: crawls of it are inconclusive. */
async function fileSubject(sellerId: string, over: Record<string, unknown> = {}, key = t.platformA.key) {
  const res = await t.fileSellers(key, [
    enterprise({ seller_id: sellerId, uscc: newUscc(), store_url: store('closed-404').url, ...over }),
  ]);
  expect(res.status, res.text).toBe(201);
  return res;
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

describe('penalties', () => {
  test('recorded with its publication deadline in working days, published into the public record and the score', async () => {
    await fileSubject('pen-1');
    const subject = subjectOf('pen-1');
    const recorded = await asRegulator('POST', '/v1/regulator/penalties', penaltyBody(subject));
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.json).toMatchObject({
      subject_id: subject,
      state: 'unpublished',
      publish_by: publishDeadline(chinaToday(), t.gw.calendar),
      published_at: null,
      published_late: false,
    });
    // Not public yet: the public page has no penalty and the score is untouched.
    let page = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(page.json.penalties).toEqual([]);
    expect(page.json.credit.score).toBe(100);

    const published = await asRegulator('POST', `/v1/regulator/penalties/${recorded.json.id}/publish`);
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({ state: 'published', published_late: false });
    expect(published.json.public_until).toBe(
      `${Number(chinaToday().slice(0, 4)) + 3}${chinaToday().slice(4)}`,
    );
    page = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(page.json.penalties).toHaveLength(1);
    expect(page.json.penalties[0]).toMatchObject({
      decision_number: recorded.json.decision_number,
      severity: 'moderate',
    });
    // A phone number in the facts is scrubbed before it is published.
    expect(page.json.penalties[0].facts).toContain('[phone]');
    expect(page.text).not.toContain('1234 5678');
    expect(page.json.credit.score).toBeLessThan(81);
    expect(page.json.credit.score).toBeGreaterThan(79);
    expect(page.json.credit.tier).toBe('B');
    expect(page.json.credit.explanation).toEqual([
      expect.objectContaining({ kind: 'penalty', severity: 'moderate', weight: -20 }),
    ]);
    // The stored score follows the event.
    expect(t.gw.creditRecords.scoresOf(subject)).toEqual([
      expect.objectContaining({ model_version: 'v1', tier: 'B' }),
    ]);

    // Published twice: refused.
    expect((await asRegulator('POST', `/v1/regulator/penalties/${recorded.json.id}/publish`)).status).toBe(
      409,
    );
  });

  test('an overturned penalty is withdrawn at once: out of the public record, cancelled in the ledger, the score restored', async () => {
    await fileSubject('pen-2');
    const subject = subjectOf('pen-2');
    const res = await asRegulator('POST', '/v1/regulator/penalties', penaltyBody(subject, { publish: true }));
    expect(res.json.state).toBe('published');
    const withdrawn = await asRegulator('POST', `/v1/regulator/penalties/${res.json.id}/withdraw`, {
      overturned_on: chinaToday(),
      reason: '行政复议决定撤销',
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.json).toMatchObject({
      state: 'withdrawn',
      withdrawn_late: false,
      overturned_on: chinaToday(),
    });
    const page = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(page.json.penalties).toEqual([]);
    expect(page.json.credit.score).toBe(100);
    const events = t.gw.credit.eventsOf(subject);
    expect(events.map((e) => e.kind)).toEqual(['penalty', 'correction']);
    expect(events[1]!.cancels).toBe(events[0]!.id);
    // Withdrawn twice, or republished: refused.
    const again = await asRegulator('POST', `/v1/regulator/penalties/${res.json.id}/withdraw`, {
      overturned_on: chinaToday(),
      reason: 'again',
    });
    expect(again.status).toBe(409);
    const audit = t.gw.audit.ofTarget('penalty', res.json.id).map((e) => e.action);
    expect(audit).toEqual(['penalty.withdraw', 'penalty.publish', 'penalty.record']);
  });

  test('a penalty not published within 20 working days is overdue, listed first, and flagged late when published', async () => {
    await fileSubject('pen-3');
    const subject = subjectOf('pen-3');
    const res = await asRegulator(
      'POST',
      '/v1/regulator/penalties',
      penaltyBody(subject, { decided_on: '2026-01-05' }),
    );
    expect(res.json).toMatchObject({ state: 'overdue', publish_by: '2026-02-02', published_late: true });
    const overdue = await asRegulator('GET', '/v1/regulator/penalties?state=overdue');
    expect(overdue.json.penalties.map((p: { id: string }) => p.id)).toContain(res.json.id);
    expect(sweepCredit(t.gw).overdue_penalties).toContain(res.json.id);
    const published = await asRegulator('POST', `/v1/regulator/penalties/${res.json.id}/publish`);
    expect(published.json).toMatchObject({ state: 'published', published_late: true });
    expect(
      (await asRegulator('GET', '/v1/regulator/penalties?state=overdue')).json.penalties.map(
        (p: { id: string }) => p.id,
      ),
    ).not.toContain(res.json.id);
  });

  test('a minor penalty is public for 3 months, then drops out of the page and the score', () => {
    const subject = subjectOf('pen-1');
    const decided = new Date('2026-03-02T10:00:00+08:00');
    const p = recordPenalty(
      t.gw,
      {
        ...penaltyBody(subject, { decided_on: '2026-03-02', severity: 'minor' }),
        sector: 'general',
        publish: true,
      } as never,
      'regulator:test',
      decided,
    );
    expect(p.public_until).toBe('2026-06-02');
    const event = t.gw.credit.eventOf('penalty', p.id, 'penalty')!;
    expect(event.counts_until).toBe('2026-06-01T16:00:00.000Z');
    const events = t.gw.credit.eventsOf(subject).filter((e) => e.source_id === p.id);
    expect(scoreSubject(events, new Date('2026-06-01T12:00:00+08:00')).score).toBeLessThan(100);
    expect(scoreSubject(events, new Date('2026-06-02T00:00:00+08:00')).score).toBe(100);
  });

  test('credit repair ends a published penalty from 6 months on (a year for food), with a repair event', () => {
    const subject = subjectOf('pen-1');
    const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
    const general = recordPenalty(
      t.gw,
      { ...penaltyBody(subject, { decided_on: '2025-01-06' }), sector: 'general', publish: true } as never,
      'regulator:test',
      at('2025-01-10'),
    );
    const food = recordPenalty(
      t.gw,
      { ...penaltyBody(subject, { decided_on: '2025-01-06' }), sector: 'food', publish: true } as never,
      'regulator:test',
      at('2025-01-10'),
    );
    expect(() =>
      repairPenalty(t.gw, general.id, { reason: '已整改' }, 'regulator:test', at('2025-07-09')),
    ).toThrow(/from 2025-07-10/);
    const repaired = repairPenalty(
      t.gw,
      general.id,
      { reason: '已整改' },
      'regulator:test',
      at('2025-07-10'),
    );
    expect(repaired.repaired_at).not.toBeNull();
    expect(() =>
      repairPenalty(t.gw, food.id, { reason: '已整改' }, 'regulator:test', at('2025-07-10')),
    ).toThrow(/from 2026-01-10, 12 months/);
    const events = t.gw.credit.eventsOf(subject);
    const cancelled = events.find(
      (e) =>
        e.kind === 'correction' && e.cancels === t.gw.credit.eventOf('penalty', general.id, 'penalty')!.id,
    );
    expect(cancelled).toBeDefined();
    expect(t.gw.credit.eventOf('repair', general.id, 'repair')).toMatchObject({ kind: 'repair', public: 1 });
  });

  test('bad penalty bodies get a clear error and change nothing', async () => {
    await fileSubject('pen-bad');
    const subject = subjectOf('pen-bad');
    const before = t.gw.creditRecords.penaltiesOf(subject).length;
    const post = (body: string, type = 'application/json') =>
      t.call('POST', '/v1/regulator/penalties', { key: t.regulator.token, type, body });
    expect((await post('{"decision_number": "x",')).json.code).toBe('malformed_json');
    expect((await post(JSON.stringify(penaltyBody(subject)), 'text/plain')).status).toBe(415);
    const bad = await post(
      JSON.stringify({ ...penaltyBody(subject), decided_on: '2026-02-30', severity: 'huge', extra: 1 }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('invalid_body');
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      '',
      'decided_on',
      'severity',
    ]);
    const future = await post(JSON.stringify(penaltyBody(subject, { decided_on: '2099-01-01' })));
    expect(future.status).toBe(400);
    expect(future.json.detail).toMatch(/future/);
    const unknown = await post(JSON.stringify(penaltyBody('01ARZ3NDEKTSV4RRFFQ69G5FAV')));
    expect(unknown.status).toBe(404);
    const huge = await post(JSON.stringify(penaltyBody(subject, { facts: 'x'.repeat(2 * 1024 * 1024) })));
    expect(huge.status).toBe(413);
    const first = await post(JSON.stringify(penaltyBody(subject, { decision_number: 'DUP-1' })));
    expect(first.status).toBe(201);
    const dup = await post(JSON.stringify(penaltyBody(subject, { decision_number: 'DUP-1' })));
    expect(dup.status).toBe(409);
    expect(dup.json.penalty_id).toBe(first.json.id);
    expect(t.gw.creditRecords.penaltiesOf(subject).length).toBe(before + 1);
  });

  test('only regulators: a platform key is forbidden, no key is unauthorized', async () => {
    expect((await t.call('GET', '/v1/regulator/penalties', { key: t.platformA.key })).status).toBe(403);
    expect((await t.call('GET', '/v1/regulator/penalties')).status).toBe(401);
    expect((await t.call('POST', '/v1/regulator/lists/serious/entries', json({}))).status).toBe(401);
  });
});

describe('lists', () => {
  let listedRecord: Record<string, unknown>;
  test('the serious list needs a qualifying penalty; listing revokes trust marks and crawls the stores first', async () => {
    // A compliant store with a mark.
    const honest = store('footer-text');
    listedRecord = enterprise({
      seller_id: 'listed',
      legal_name: honest.filed.name,
      uscc: honest.filed.uscc,
      store_url: honest.url,
    });
    const filed = await t.fileSellers(t.platformA.key, [listedRecord]);
    expect(filed.status).toBe(201);
    t.gw.crawls.start({ stores: [{ platform_id: idOf(t.platformA), seller_id: 'listed' }] }, 'test');
    await t.gw.crawls.idle();
    const mark = await asRegulator('POST', '/v1/regulator/marks', {
      platform: t.platformA.slug,
      seller_id: 'listed',
    });
    expect(mark.status, mark.text).toBe(201);
    const subject = subjectOf('listed');

    const entry = (body: Record<string, unknown>) =>
      asRegulator('POST', '/v1/regulator/lists/serious/entries', {
        subject_id: subject,
        reason: '提供虚假材料骗取登记',
        legal_basis: '《市场监督管理严重违法失信名单管理办法》第九条',
        ...body,
      });
    expect((await entry({})).json.code).toBe('basis_not_qualifying');
    const minor = await asRegulator(
      'POST',
      '/v1/regulator/penalties',
      penaltyBody(subject, { severity: 'minor' }),
    );
    expect((await entry({ penalty_id: minor.json.id })).json).toMatchObject({
      code: 'basis_not_qualifying',
      detail: expect.stringMatching(/minor/),
    });
    const other = await fileSubject('someone-else');
    expect(other.status).toBe(201);
    const otherPenalty = await asRegulator(
      'POST',
      '/v1/regulator/penalties',
      penaltyBody(subjectOf('someone-else')),
    );
    expect((await entry({ penalty_id: otherPenalty.json.id })).json.detail).toMatch(/another subject/);

    const serious = await asRegulator(
      'POST',
      '/v1/regulator/penalties',
      penaltyBody(subject, { severity: 'serious', publish: true }),
    );
    const listed = await entry({ penalty_id: serious.json.id });
    expect(listed.status, listed.text).toBe(201);
    expect(listed.json.entry).toMatchObject({
      list: 'serious',
      subject_id: subject,
      penalty_id: serious.json.id,
    });
    expect(listed.json.revoked_marks).toEqual([mark.json.mark_id]);
    expect((await t.call('GET', `/v1/marks/${mark.json.mark_id}`)).json.status).toBe('revoked');
    expect(listed.json.crawl_id).toMatch(/^[0-9A-Z]{26}$/);
    await t.gw.crawls.idle();
    expect(t.gw.verifications.crawl(listed.json.crawl_id)).toMatchObject({
      status: 'done',
      total: 1,
      requested_by: `list:${listed.json.entry.id}`,
    });
    // Once on the list: a second entry is refused, naming the first.
    const again = await entry({ penalty_id: serious.json.id });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'already_listed', entry_id: listed.json.entry.id });

    // The serious list means tier D, whatever the score; the public sees the entry.
    const page = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(page.json.credit.tier).toBe('D');
    expect(page.json.lists).toEqual([expect.objectContaining({ list: 'serious', entered_on: chinaToday() })]);
    expect(page.json.marks).toEqual([]);
  });

  test('a platform filing a blacklisted subject gets a warning in its receipt, and regulators an alert', async () => {
    const honest = store('footer-text');
    // Platform B files the same market subject (same code) under its own seller id.
    const res = await t.fileSellers(t.platformB.key, [
      enterprise({ seller_id: 'b-clean', uscc: newUscc(), store_url: store('closed-404').url }),
      enterprise({
        seller_id: 'b-listed',
        legal_name: honest.filed.name,
        uscc: honest.filed.uscc,
        store_url: honest.url,
      }),
    ]);
    expect(res.status, res.text).toBe(201);
    expect(res.json.warnings).toEqual([
      expect.objectContaining({
        index: 1,
        seller_id: 'b-listed',
        code: 'subject_on_blacklist',
        field: 'subject',
      }),
    ]);
    const alerts = await asRegulator('GET', '/v1/regulator/alerts');
    const alert = alerts.json.alerts.find((a: { seller_id: string }) => a.seller_id === 'b-listed');
    expect(alert).toMatchObject({
      kind: 'subject_on_blacklist',
      subject_id: subjectOf('listed'),
      platform_id: idOf(t.platformB),
      filing_id: res.json.filing_id,
    });
    // Refiled unchanged by the first platform: still warned.
    const refiled = await t.fileSellers(t.platformA.key, [listedRecord]);
    expect(refiled.json.counts.unchanged).toBe(1);
    expect(refiled.json.warnings.map((w: { code: string }) => w.code)).toEqual(['subject_on_blacklist']);
    const ack = await asRegulator('POST', `/v1/regulator/alerts/${alert.id}/acknowledge`);
    expect(ack.json).toMatchObject({ id: alert.id, acknowledged_by: regulatorActor() });
    expect((await asRegulator('POST', `/v1/regulator/alerts/${alert.id}/acknowledge`)).status).toBe(409);
    expect(
      (await asRegulator('GET', '/v1/regulator/alerts')).json.alerts.map((a: { id: string }) => a.id),
    ).not.toContain(alert.id);
  });

  test('abnormal list: proposed for the serious list after 3 years open, moved there, expiring 3 years later', async () => {
    await fileSubject('abn-1');
    const subject = subjectOf('abn-1');
    const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
    const { entry } = enterList(
      t.gw,
      'abnormal',
      {
        subject_id: subject,
        reason: '通过登记的住所无法联系',
        legal_basis: '《企业经营异常名录管理暂行办法》第四条',
      },
      'regulator:test',
      at('2026-03-02'),
    );
    expect(entry.ends_on).toBe('2029-03-02');
    expect(scoreSubject(t.gw.credit.eventsOf(subject), at('2026-03-03'))).toMatchObject({
      tier: 'C',
      tier_rule: 'abnormal_list',
    });
    expect(sweepCredit(t.gw, at('2029-03-01')).proposed).not.toContain(entry.id);
    const swept = sweepCredit(t.gw, at('2029-03-02'));
    expect(swept.proposed).toContain(entry.id);
    expect(sweepCredit(t.gw, at('2029-03-03')).proposed).not.toContain(entry.id); // once
    expect(t.gw.creditRecords.entry(entry.id)).toMatchObject({
      removed_at: null,
      proposed_at: expect.any(String),
    });
    expect(t.gw.audit.ofTarget('list_entry', entry.id)[0]).toMatchObject({
      actor: 'system',
      action: 'list.propose_serious',
    });
    const listed = await asRegulator('GET', '/v1/regulator/lists/abnormal/entries?status=proposed');
    expect(listed.json.entries.map((e: { id: string }) => e.id)).toContain(entry.id);

    const serious = enterList(
      t.gw,
      'serious',
      {
        subject_id: subject,
        reason: '列入经营异常名录届满3年仍未履行相关义务',
        legal_basis: '第十条',
        from_entry: entry.id,
      },
      'regulator:test',
      at('2029-03-05'),
    );
    expect(t.gw.creditRecords.entry(entry.id)).toMatchObject({ removal_reason: 'moved_to_serious' });
    expect(serious.entry).toMatchObject({ list: 'serious', from_entry: entry.id, ends_on: '2032-03-05' });
    const onSerious = scoreSubject(t.gw.credit.eventsOf(subject), at('2029-03-06'));
    expect(onSerious.tier).toBe('D');
    // The abnormal entry stopped counting when it moved: only the serious entry weighs.
    expect(onSerious.explanation.map((c) => c.kind)).toEqual(['list_serious']);

    // Repair removes a serious entry from a year after entry only.
    expect(() =>
      removeFromList(
        t.gw,
        serious.entry.id,
        { reason: 'repaired', note: '已履行义务' },
        'regulator:test',
        at('2030-03-04'),
      ),
    ).toThrow(/from 2030-03-05/);
    // Left alone, it expires after 3 years, and stops counting then.
    expect(sweepCredit(t.gw, at('2032-03-04')).expired).not.toContain(serious.entry.id);
    expect(sweepCredit(t.gw, at('2032-03-05')).expired).toContain(serious.entry.id);
    expect(t.gw.creditRecords.entry(serious.entry.id)).toMatchObject({
      removal_reason: 'expired',
      removed_by: 'system',
    });
    const later = scoreSubject(t.gw.credit.eventsOf(subject), at('2032-03-06'));
    expect(later.tier_rule).toBe('score');
    expect(later.explanation.map((c) => c.kind)).not.toContain('list_serious');
  });

  test('removal after repair, and removal of an entry made in error, are recorded with their reason', async () => {
    await fileSubject('abn-2');
    const subject = subjectOf('abn-2');
    const created = await asRegulator('POST', '/v1/regulator/lists/abnormal/entries', {
      subject_id: subject,
      reason: '未按规定报送年度报告',
      legal_basis: '第四条',
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.entry.id;
    const wrongList = await asRegulator('POST', `/v1/regulator/lists/serious/entries/${id}/remove`, {
      reason: 'repaired',
      note: 'x',
    });
    expect(wrongList.status).toBe(404);
    const removed = await asRegulator('POST', `/v1/regulator/lists/abnormal/entries/${id}/remove`, {
      reason: 'repaired',
      note: '已补报年度报告',
    });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.json).toMatchObject({ removal_reason: 'repaired', removal_note: '已补报年度报告' });
    expect(t.gw.credit.eventsOf(subject).map((e) => e.kind)).toEqual([
      'list_abnormal',
      'correction',
      'repair',
    ]);
    expect((await t.call('GET', `/public/credit/subjects/${subject}`)).json).toMatchObject({
      lists: [],
      credit: { tier: 'A', tier_rule: 'score' },
    });
    const twice = await asRegulator('POST', `/v1/regulator/lists/abnormal/entries/${id}/remove`, {
      reason: 'error',
      note: 'x',
    });
    expect(twice.status).toBe(409);
    const badReason = await asRegulator('POST', `/v1/regulator/lists/abnormal/entries/${id}/remove`, {
      reason: 'expired',
      note: 'x',
    });
    expect(badReason.status).toBe(400);
    expect((await asRegulator('POST', '/v1/regulator/lists/grey/entries', {})).status).toBe(400);
  });
});

describe('commitments', () => {
  test('a platform files a signed commitment; it counts once a year', async () => {
    await fileSubject('com-1');
    const file = (body: unknown, key = t.platformA.key, seller = 'com-1') =>
      t.call('POST', `/v1/sellers/${seller}/commitments`, { key, ...json(body) });
    const body = {
      text: '本店承诺诚信经营，依法公示经营者信息。',
      signatory: '张经理',
      signed_on: chinaToday(),
    };
    const first = await file(body);
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ subject_id: subjectOf('com-1'), counted: true });
    const second = await file(body);
    expect(second.json.counted).toBe(false);
    expect(t.gw.credit.eventsOf(subjectOf('com-1')).map((e) => e.kind)).toEqual(['commitment']);
    // A year on, it counts again.
    const later = fileCommitment(
      t.gw,
      { platform_id: idOf(t.platformA), seller_id: 'com-1' },
      body,
      new Date(Date.now() + 366 * 86_400_000),
    );
    expect(later.counted).toBe(true);
    expect((await file(body, t.platformB.key)).status).toBe(404); // another platform's seller
    expect((await file(body, t.regulator.token)).status).toBe(403);
    expect((await file({ ...body, signed_on: '2099-01-01' })).status).toBe(400);
    expect((await file({ text: '', signatory: 'x', signed_on: chinaToday() })).json.code).toBe(
      'invalid_body',
    );
  });
});

describe('what the public sees and what regulators see', () => {
  test('a natural person: name masked, no ID or phone number anywhere; regulators see the ID masked', async () => {
    const res = await t.fileSellers(t.platformA.key, [
      naturalPerson({
        seller_id: 'person-1',
        legal_name: '王小明',
        id_number: '11010519491231002X',
        store_url: store('closed-404').url,
      }),
    ]);
    expect(res.status, res.text).toBe(201);
    const subject = subjectOf('person-1');
    recordPenalty(
      t.gw,
      {
        ...penaltyBody(subject, {
          facts: '王小明销售假冒商品，身份证号11010519491231002X，电话13987654321。',
        }),
        sector: 'general',
        publish: true,
      } as never,
      'regulator:test',
    );
    const page = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ kind: 'natural_person', name: '王**', uscc: null });
    for (const secret of ['王小明', '11010519491231002X', '13987654321', '0519491231'])
      expect(page.text).not.toContain(secret);
    expect(page.json.penalties[0].facts).toBe('[name]销售假冒商品，身份证号[ID number]，电话[phone]。');

    const record = await asRegulator('GET', `/v1/regulator/subjects/${subject}`);
    expect(record.status).toBe(200);
    expect(record.json.subject).toMatchObject({
      legal_name: '王小明',
      id_number_masked: '110105********002X',
    });
    expect(record.text).not.toContain('11010519491231002X"');
    expect(record.json.sellers).toEqual([
      expect.objectContaining({ platform: t.platformA.slug, seller_id: 'person-1' }),
    ]);
    expect(record.json.penalties[0].facts).toContain('11010519491231002X'); // the regulator's own record, unscrubbed
    // The public cannot reach the regulator's record.
    expect((await t.call('GET', `/v1/regulator/subjects/${subject}`)).status).toBe(401);
  });

  test('unpublished, withdrawn and ended penalties stay off the public page but not the regulator record', async () => {
    await fileSubject('split-1');
    const subject = subjectOf('split-1');
    const unpublished = await asRegulator('POST', '/v1/regulator/penalties', penaltyBody(subject));
    const record = await asRegulator('GET', `/v1/regulator/subjects/${subject}`);
    expect(record.json.penalties.map((p: { id: string; state: string }) => [p.id, p.state])).toEqual([
      [unpublished.json.id, 'unpublished'],
    ]);
    expect((await t.call('GET', `/public/credit/subjects/${subject}`)).json.penalties).toEqual([]);
  });

  test('search: by code, by store URL, by part of a name; natural persons only by their stores', async () => {
    const uscc = newUscc();
    await t.fileSellers(t.platformA.key, [
      enterprise({
        seller_id: 'search-1',
        legal_name: '宁波查询测试电器有限公司',
        uscc,
        store_name: '查询测试旗舰店',
        store_url: 'https://search-one.example.cn/',
      }),
    ]);
    const subject = subjectOf('search-1');
    const find = (q: string) => t.call('GET', `/public/credit?q=${encodeURIComponent(q)}`);
    expect((await find(uscc)).json).toMatchObject({
      matched_by: 'uscc',
      subjects: [{ subject_id: subject, tier: 'A' }],
    });
    expect((await find(uscc.toLowerCase())).json.subjects).toHaveLength(1);
    expect((await find('https://SEARCH-ONE.example.cn')).json).toMatchObject({
      matched_by: 'store_url',
      subjects: [{ subject_id: subject }],
    });
    expect((await find('查询测试电器')).json).toMatchObject({
      matched_by: 'name',
      subjects: [{ subject_id: subject }],
    });
    expect(
      (await find('查询测试旗舰')).json.subjects.map((s: { subject_id: string }) => s.subject_id),
    ).toEqual([subject]);
    // LIKE wildcards are searched for literally.
    expect((await find('%%')).json.subjects).toEqual([]);
    expect((await find('__')).json.subjects).toEqual([]);
    // A natural person is not found by name, but by a store.
    const person = await t.fileSellers(t.platformA.key, [
      naturalPerson({
        seller_id: 'person-2',
        legal_name: '欧阳查询',
        id_number: newIdNumber(),
        store_url: 'https://person-two.example.cn/',
      }),
    ]);
    expect(person.status, person.text).toBe(201);
    expect((await find('欧阳查询')).json.subjects).toEqual([]);
    const byStore = await find('https://person-two.example.cn/');
    expect(byStore.json.subjects).toEqual([
      expect.objectContaining({ name: '欧***', uscc: null, kind: 'natural_person' }),
    ]);
    expect(byStore.text).not.toContain('欧阳查询');
    // Bad queries: too short, too long, missing.
    expect((await find('x')).status).toBe(400);
    expect((await find('x'.repeat(201))).status).toBe(400);
    expect((await t.call('GET', '/public/credit')).status).toBe(400);
    expect((await t.call('GET', '/public/credit/subjects/not-an-id')).status).toBe(400);
    expect((await t.call('GET', '/public/credit/subjects/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  });
});

describe('scores per model version', () => {
  test('a new model version rescoring everyone keeps the scores of the old', async () => {
    const subject = subjectOf('pen-1');
    rescore(t.gw, subject);
    const v2 = { ...MODEL_V1, version: 'v2-test', start: 90 };
    const count = rescoreAll(t.gw, v2);
    expect(count).toBe((t.gw.db.prepare('SELECT count(*) AS n FROM subjects').get() as { n: number }).n);
    const stored = (await asRegulator('GET', `/v1/regulator/subjects/${subject}`)).json.stored_scores;
    expect(stored.map((s: { model_version: string }) => s.model_version)).toEqual(['v1', 'v2-test']);
    const [v1s, v2s] = stored as { score: number }[];
    expect(v2s!.score).toBeCloseTo(v1s!.score - 10, 0);
    const cli = await runCli(['credit', 'rescore', '--model', 'nope', '--data', t.dataDir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/no credit model "nope"/);
  });

  test('every regulator action above is in the audit log, and the chain holds', async () => {
    const check = t.gw.audit.verify();
    expect(check.ok).toBe(true);
    const actions = new Set(t.gw.audit.recent(Number.MAX_SAFE_INTEGER, 1000).map((e) => e.action));
    for (const action of [
      'penalty.record',
      'penalty.publish',
      'penalty.withdraw',
      'penalty.repair',
      'list.enter',
      'list.remove',
      'list.propose_serious',
      'alert.acknowledge',
      'mark.issue',
    ])
      expect(actions).toContain(action);
    const page = await asRegulator('GET', '/v1/regulator/audit?limit=2');
    expect(page.json.entries).toHaveLength(2);
    expect(page.json.entries[0].seq).toBeGreaterThan(page.json.entries[1].seq);
    const next = await asRegulator('GET', `/v1/regulator/audit?limit=2&before=${page.json.next_before}`);
    expect(next.json.entries[0].seq).toBe(page.json.entries[1].seq - 1);
  });

  test("the audit log's head, signed, for regulators only", async () => {
    t.gw.audit.append({
      actor: regulatorActor(),
      action: 'test.head',
      target_type: 'test',
      target_id: 'head',
    });
    const head = await asRegulator('GET', '/v1/regulator/audit/head');
    expect(head.status, head.text).toBe(200);
    const newest = (await asRegulator('GET', '/v1/regulator/audit?limit=1')).json.entries[0];
    expect(head.json.payload).toMatchObject({
      kind: 'marketgate.audit_head',
      seq: newest.seq,
      hash: newest.hash,
      key_id: t.gw.keys.keyId,
    });
    expect(checkAuditCheckpoint(t.gw.audit, head.json, t.gw.keys.publicKeyPem)).toMatchObject({ ok: true });
    expect((await t.call('GET', '/v1/regulator/audit/head', { key: t.platformA.key })).status).toBe(403);
    expect((await t.call('GET', '/v1/regulator/audit/head')).status).toBe(401);
  });
});
