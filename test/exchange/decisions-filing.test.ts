import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addDepartment } from '../../src/accounts/service.ts';
import { applyFiledDecisions, decisionSeverity } from '../../src/exchange/apply-decisions.ts';
import { limitedBody } from '../../src/filings/body.ts';
import { runStreamedFiling } from '../../src/filings/streamed.ts';
import { verifyReceipt } from '../../src/filings/receipt.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import {
  AUTHORITY,
  COMPANY,
  ID,
  license,
  penalty as basePenalty,
  personPenalty as basePersonPenalty,
  SHOP,
} from '../helpers/decisions.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * Departments' double-publicity decisions through the filing machinery (issue 16 part 2): receipts,
 * versions, what publication does to credit records and events, withdrawal, and the exchange.
 */

/** A penalty decided today: published in time. */
const penalty = (overrides: Record<string, unknown> = {}) =>
  basePenalty({ decided_on: chinaToday(), ...overrides });

/** A public criticism of a natural person, named by a resident ID. */
const personPenalty = () =>
  basePersonPenalty({
    decided_on: chinaToday(),
    penalty_categories: ['public_criticism'],
    content: '通报批评。',
    fine_yuan: undefined,
    confiscated_yuan: undefined,
  });

let counter = 0;
let t: TestGateway;
let tax: { key: string; slug: string };
let courts: { key: string; slug: string };

beforeEach(() => {
  t = testGateway();
  counter++;
  tax = addDepartment(t.gw.accounts, { slug: `tax-${counter}`, name: '税务局' });
  courts = addDepartment(t.gw.accounts, { slug: `court-${counter}`, name: '法院' });
});
afterEach(() => t.close());

const file = (key: string, records: unknown, type = 'application/json') =>
  t.call('POST', '/v1/decisions', {
    key,
    type,
    body: typeof records === 'string' ? records : JSON.stringify(records),
  });
const exchange = async (key: string, query = '') =>
  (await t.call('GET', `/v1/exchange/decisions${query}`, { key })).json as {
    decisions: Record<string, any>[];
    next_since: number;
    has_more: boolean;
  };
const feed = async (key: string) =>
  ((await t.call('GET', '/v1/events?after=0&limit=500', { key })).json as { events: any[] }).events;

describe('filing decisions', () => {
  test('a department files penalties and licences with a signed receipt; they become public records and events', async () => {
    // Platform A sells through the company: it is told of the penalty (joint punishment).
    expect((await t.fileSellers(t.platformA.key, [enterprise({ uscc: COMPANY })])).status).toBe(201);
    const p = penalty();
    const late = penalty({ decided_on: '2026-04-28' });
    const l = license();
    const person = personPenalty();
    const res = await file(tax.key, [p, late, l, person]);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: 'decisions',
      platform: tax.slug,
      counts: { received: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(verifyReceipt(res.json, t.gw.keys.publicKeyPem)).toMatchObject({ valid: true });
    // The receipt can be fetched again with the department's key, not with a platform's.
    expect((await t.call('GET', `/v1/filings/${res.json.filing_id}`, { key: tax.key })).status).toBe(200);
    expect((await t.call('GET', `/v1/filings/${res.json.filing_id}`, { key: t.platformA.key })).status).toBe(
      404,
    );

    // Penalties: recorded, published at once, deadline 7 working days from the decision.
    const onTime = t.gw.creditRecords.penaltyByNumber(p.decision_number as string)!;
    expect(onTime).toMatchObject({
      severity: 'moderate',
      sector: 'general',
      authority: '杭州市市场监督管理局',
    });
    expect(onTime.published_at).not.toBeNull();
    const overdue = t.gw.creditRecords.penaltyByNumber(late.decision_number as string)!;
    // 04-28 + 7 working days: 04-29, 04-30, (May Day 05-01..05), 05-06, 05-07, 05-08, 05-09 (worked Saturday), 05-11.
    expect(overdue.publish_by).toBe('2026-05-11');
    expect(t.gw.creditRecords.penaltyByNumber(person.decision_number as string)!.severity).toBe('minor');
    // No credit penalty for a licence.
    expect(t.gw.creditRecords.penaltyByNumber(l.decision_number as string)).toBeUndefined();
    // Nor for a warning alone (SAMR Order 45 art. 2): the exchange has it, with why.
    const warning = penalty({ penalty_categories: ['warning'], content: '警告。' });
    delete warning.fine_yuan;
    delete warning.confiscated_yuan;
    expect((await file(tax.key, [warning])).json.counts.created).toBe(1);
    expect(t.gw.creditRecords.penaltyByNumber(warning.decision_number as string)).toBeUndefined();
    expect(t.gw.decisions.recent(1e9, 1, 'penalty')[0]).toMatchObject({
      decision_number: warning.decision_number,
      penalty_id: null,
      apply_note: expect.stringContaining('warning only'),
    });

    // The public credit page of the company lists the penalty.
    const subject = t.gw.sellers.linkedSubject({ uscc: COMPANY, id_hash: null })!;
    const page = await t.call('GET', `/public/credit/subjects/${subject.id}`);
    expect(page.text).toContain(p.decision_number as string);

    // Events: the platform that sells for the company sees its penalty, not the licence of a stranger.
    const platformEvents = await feed(t.platformA.key);
    expect(
      platformEvents.filter((e) => e.type === 'penalty.published').map((e) => e.data.decision_number),
    ).toEqual(expect.arrayContaining([p.decision_number, late.decision_number]));
    expect(platformEvents.some((e) => e.type === 'license.published')).toBe(false);
    const all = await feed(courts.key);
    const licence = all.find((e) => e.type === 'license.published');
    expect(licence?.data).toMatchObject({
      decision_number: l.decision_number,
      license_category: 'ordinary',
      uscc: SHOP,
      department: tax.slug,
    });
    // No event carries the person's ID number.
    expect(JSON.stringify(all)).not.toContain(ID);

    // The exchange: every decision, amounts back in yuan, lateness flagged, the ID number masked.
    const page1 = await exchange(courts.key);
    expect(page1.decisions).toHaveLength(5);
    const byNumber = new Map(page1.decisions.map((d) => [d.decision_number, d]));
    expect(byNumber.get(p.decision_number)).toMatchObject({
      fine_yuan: '12500.00',
      confiscated_yuan: '300.00',
      published_late: false,
      department: tax.slug,
      penalty_id: onTime.id,
    });
    expect(byNumber.get(late.decision_number)).toMatchObject({
      publish_by: '2026-05-11',
      published_late: true,
    });
    expect(byNumber.get(person.decision_number)?.id_number).toBe('110105********002X');
    expect(JSON.stringify(page1)).not.toContain(ID);
  });

  test('the exchange pages by sequence, filters by kind and by time, and is closed to platforms', async () => {
    await file(tax.key, [penalty(), license(), penalty(), license(), penalty()]);
    const first = await exchange(tax.key, '?limit=2');
    expect(first.decisions.map((d) => d.seq)).toEqual([1, 2]);
    expect(first.has_more).toBe(true);
    const rest = await exchange(tax.key, `?since=${first.next_since}&limit=10`);
    expect(rest.decisions.map((d) => d.seq)).toEqual([3, 4, 5]);
    expect(rest.has_more).toBe(false);
    const licences = await exchange(t.regulator.token, '?kind=license');
    expect(licences.decisions.map((d) => d.kind)).toEqual(['license', 'license']);
    expect((await exchange(tax.key, '?since=2999-01-01')).decisions).toEqual([]);
    expect((await exchange(tax.key, '?since=2020-01-01')).decisions).toHaveLength(5);
    expect((await t.call('GET', '/v1/exchange/decisions', { key: t.platformA.key })).status).toBe(403);
    const bad = await t.call('GET', '/v1/exchange/decisions?since=yesterday', { key: tax.key });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('invalid_parameter');
    expect((await t.call('GET', '/v1/exchange/decisions?kind=warning', { key: tax.key })).status).toBe(400);
  });

  test('re-filing: unchanged is unchanged, a correction is a new version, the kind and the owner do not change', async () => {
    const p = penalty();
    await file(tax.key, [p]);
    const again = await file(tax.key, [p]);
    expect(again.json.counts).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    // The same decision with its number typed with other brackets and a correction: a new version.
    const corrected = {
      ...p,
      decision_number: (p.decision_number as string).replace('〔', '[').replace('〕', ']'),
      violation_facts: '更正后的违法事实。',
    };
    const second = await file(tax.key, [corrected]);
    expect(second.json.counts).toMatchObject({ updated: 1 });
    const [current] = (await exchange(tax.key)).decisions;
    expect(current).toMatchObject({ version: 2, violation_facts: '更正后的违法事实。', seq: 2 });
    // Still one credit penalty.
    expect(t.gw.db.prepare('SELECT count(*) FROM penalties').pluck().get()).toBe(1);

    const asLicence = await file(tax.key, [license({ decision_number: p.decision_number })]);
    expect(asLicence.json.counts.rejected).toBe(1);
    expect(asLicence.json.errors[0]).toMatchObject({
      decision_number: p.decision_number,
      field: 'kind',
      code: 'immutable_field_changed',
    });
    const stolen = await file(courts.key, [{ ...p, content: '改写' }]);
    expect(stolen.json.errors[0]).toMatchObject({ code: 'decision_of_another_department' });
    const twice = await file(tax.key, [
      penalty({ decision_number: 'X1' }),
      penalty({ decision_number: 'x1' }),
    ]);
    expect(twice.json.errors[0]).toMatchObject({ code: 'duplicate_in_filing', decision_number: 'x1' });
  });

  test('a withdrawn decision leaves the public record and is announced; the exchange keeps it as withdrawn', async () => {
    expect((await t.fileSellers(t.platformA.key, [enterprise({ uscc: COMPANY })])).status).toBe(201);
    const p = penalty();
    await file(tax.key, [p]);
    const subject = t.gw.sellers.linkedSubject({ uscc: COMPANY, id_hash: null })!;
    expect((await t.call('GET', `/public/credit/subjects/${subject.id}`)).text).toContain(
      p.decision_number as string,
    );
    const res = await file(tax.key, [
      { ...p, status: 'withdrawn', withdrawn_on: chinaToday(), withdrawal_reason: '行政复议撤销' },
    ]);
    expect(res.json.counts.updated).toBe(1);
    const row = t.gw.creditRecords.penaltyByNumber(p.decision_number as string)!;
    expect(row.withdrawn_at).not.toBeNull();
    expect(row.withdrawal_reason).toBe('行政复议撤销');
    expect((await t.call('GET', `/public/credit/subjects/${subject.id}`)).text).not.toContain(
      p.decision_number as string,
    );
    const withdrawn = (await feed(t.platformA.key)).find((e) => e.type === 'penalty.withdrawn');
    expect(withdrawn?.data).toMatchObject({
      decision_number: p.decision_number,
      reason: 'withdrawn_by_department',
    });
    const [exported] = (await exchange(tax.key)).decisions;
    expect(exported).toMatchObject({ status: 'withdrawn', withdrawal_reason: '行政复议撤销' });
  });

  test('CSV filings work; bad input is refused per record or as a whole, and platforms cannot file decisions', async () => {
    const csv = [
      'kind,decision_number,subject_category,subject_name,subject_uscc,legal_representative,license_document_name,license_category,content,decided_on,valid_from,valid_until,authority_name,authority_uscc',
      `license,JY-CSV-1,organization,杭州示例商贸有限公司,${COMPANY},王五,食品经营许可决定书,ordinary,预包装食品销售,2026-04-01,2026-04-01,2031-03-31,杭州市市场监督管理局,${AUTHORITY}`,
      `license,JY-CSV-2,organization,杭州示例商贸有限公司,${COMPANY},王五,食品经营许可决定书,forever,预包装食品销售,2026-04-01,2026-04-01,2031-03-31,杭州市市场监督管理局,${AUTHORITY}`,
    ].join('\n');
    const res = await file(tax.key, csv, 'text/csv');
    expect(res.status).toBe(201);
    expect(res.json.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(res.json.errors[0]).toMatchObject({
      line: 3,
      decision_number: 'JY-CSV-2',
      field: 'license_category',
      code: 'invalid_enum',
    });

    expect((await file(t.platformA.key, [penalty()])).status).toBe(403);
    expect((await file(t.regulator.token, [penalty()])).status).toBe(403);
    const malformed = await file(tax.key, '[{"kind": "penalty",');
    expect(malformed.status).toBe(400);
    expect((await file(tax.key, 'kind,unknown_column\npenalty,x', 'text/csv')).status).toBe(400);
    const atomic = await t.call('POST', '/v1/decisions?atomic=true', {
      key: tax.key,
      type: 'application/json',
      body: JSON.stringify([penalty(), penalty({ fine_yuan: '-5' })]),
    });
    expect(atomic.status).toBe(422);
    // Nothing of the refused filings was filed: one licence from the CSV.
    expect(t.gw.db.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(1);
    expect(t.gw.db.prepare('SELECT count(*) FROM penalties').pluck().get()).toBe(0);
  });

  test('what a filing published but did not apply (a crash between the two) is applied by the sweep, once', async () => {
    const p = penalty();
    const l = license();
    // The filing machinery alone, as if the process died before the route applied it.
    const body = Buffer.from(JSON.stringify([p, l]));
    const outcome = await runStreamedFiling(t.gw, {
      platform: { id: t.gw.accounts.platformBySlug(tax.slug)!.id, slug: tax.slug },
      kind: 'decisions',
      format: 'json',
      body: limitedBody(
        (async function* () {
          yield new Uint8Array(body);
        })(),
        String(body.length),
        1 << 20,
      ),
      idempotencyKey: null,
      atomic: false,
    });
    expect(outcome.receipt.counts.created).toBe(2);
    expect(t.gw.decisions.unapplied(10)).toHaveLength(2);
    expect(t.gw.creditRecords.penaltyByNumber(p.decision_number as string)).toBeUndefined();

    expect(applyFiledDecisions(t.gw)).toBe(2);
    expect(applyFiledDecisions(t.gw)).toBe(0);
    expect(t.gw.creditRecords.penaltyByNumber(p.decision_number as string)?.published_at).not.toBeNull();
    const types = (await feed(t.regulator.token)).map((e) => e.type);
    expect(types.filter((x) => x === 'license.published')).toHaveLength(1);
    expect(types.filter((x) => x === 'penalty.published')).toHaveLength(1);
  });
});

describe('decision severity', () => {
  test('warnings, criticism and small fines are minor; business-ending penalties and big fines serious', () => {
    expect(decisionSeverity({ penalty_categories: ['warning'] })).toBe('minor');
    expect(decisionSeverity({ penalty_categories: ['fine'], fine_fen: 1_000_000 })).toBe('minor');
    expect(decisionSeverity({ penalty_categories: ['fine'], fine_fen: 1_000_001 })).toBe('moderate');
    expect(
      decisionSeverity({ penalty_categories: ['fine', 'confiscate_illegal_gains'], fine_fen: 100 }),
    ).toBe('moderate');
    expect(decisionSeverity({ penalty_categories: ['fine'], fine_fen: 100_000_000 })).toBe('serious');
    expect(decisionSeverity({ penalty_categories: ['warning', 'revoke_license'] })).toBe('serious');
  });
});

describe('licences on the public page', () => {
  test('a licence in force shows on its subject’s public page and leaves it when withdrawn', async () => {
    const l = license({ valid_until: '2031-03-31' });
    const expired = license({
      valid_from: '2020-01-01',
      decided_on: '2020-01-01',
      valid_until: '2021-01-01',
    });
    await file(tax.key, [l, expired]);
    const subject = t.gw.sellers.linkedSubject({ uscc: SHOP, id_hash: null })!;
    const view = await t.call('GET', `/public/credit/subjects/${subject.id}`);
    expect(view.json.licenses).toEqual([
      expect.objectContaining({
        decision_number: l.decision_number,
        license_category: 'ordinary',
        valid_until: '2031-03-31',
        authority: '杭州市上城区市场监督管理局',
      }),
    ]);
    const html = await t.call('GET', `/credit/subjects/${subject.id}`);
    expect(html.text).toContain(l.decision_number as string);
    await file(tax.key, [
      { ...l, status: 'withdrawn', withdrawn_on: chinaToday(), withdrawal_reason: '申请人撤回' },
    ]);
    // The kept page follows the withdrawal at once.
    expect((await t.call('GET', `/public/credit/subjects/${subject.id}`)).json.licenses).toEqual([]);
  });
});
