import { afterAll, beforeAll, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/** The credit ledger: append-only, idempotent per source, fed by verifications, scored for regulators. */
let web: FixtureWeb;
let t: TestGateway;
const store = (id: string) => web.cases.find((c) => c.id === id)!;
const subjectOf = (sellerId: string) =>
  t.gw.db
    .prepare<[string], { subject_id: string }>('SELECT subject_id FROM sellers WHERE seller_id = ?')
    .get(sellerId)!.subject_id;

beforeAll(async () => {
  web = await startFixtureWeb();
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const ids = [
    'footer-text',
    'identity-missing',
    'other-company-code',
    'wrong-check-character',
    'closed-404',
  ];
  const records = ids.map((id) =>
    enterprise({
      seller_id: id,
      legal_name: store(id).filed.name,
      uscc: store(id).filed.uscc,
      store_url: store(id).url,
    }),
  );
  expect((await t.fileSellers(t.platformA.key, records)).status).toBe(201);
  t.gw.crawls.start({ platform_ids: [t.gw.accounts.platformBySlug(t.platformA.slug)!.id] }, 'test');
  await t.gw.crawls.idle();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await web?.close();
});

test('verifications write credit events: missing and mismatched identities, never compliant or inconclusive ones', () => {
  const kinds = (sellerId: string) =>
    t.gw.credit.eventsOf(subjectOf(sellerId)).map((e) => [e.kind, e.severity, e.source]);
  expect(kinds('identity-missing')).toEqual([['verification_identity_missing', 'moderate', 'verification']]);
  expect(kinds('other-company-code')).toEqual([
    ['verification_identity_mismatch', 'serious', 'verification'],
  ]);
  expect(kinds('wrong-check-character')).toEqual([
    ['verification_identity_mismatch', 'moderate', 'verification'],
  ]);
  expect(kinds('footer-text')).toEqual([]);
  expect(kinds('closed-404')).toEqual([]);
  const [event] = t.gw.credit.eventsOf(subjectOf('identity-missing'));
  // The source is the violation's episode; its evidence, the verification that opened it.
  const episode = t.gw.credit.episode(event!.source_id)!;
  expect(t.gw.credit.evidenceOf(episode.id)).toEqual([
    { episode_id: episode.id, verification_id: episode.opened_by, credit_event_id: event!.id },
  ]);
  expect(t.gw.verifications.verification(episode.opened_by)).toMatchObject({
    verdict: 'identity_missing',
    seller_id: 'identity-missing',
  });
});

test('the ledger is append-only and records a source once', () => {
  const subject = subjectOf('identity-missing');
  const [event] = t.gw.credit.eventsOf(subject);
  expect(() =>
    t.gw.db.prepare("UPDATE credit_events SET severity = 'minor' WHERE id = ?").run(event!.id),
  ).toThrow(/append-only/);
  expect(() => t.gw.db.prepare('DELETE FROM credit_events WHERE id = ?').run(event!.id)).toThrow(
    /append-only/,
  );
  const again = t.gw.credit.record({ ...event!, public: true });
  expect(again.id).toBe(event!.id);
  expect(t.gw.credit.eventsOf(subject)).toHaveLength(1);
});

test('regulators see the score with its explanation; a correction cancels an event without editing it', async () => {
  const subject = subjectOf('other-company-code');
  const path = `/v1/regulator/subjects/${subject}/credit`;
  const before = await t.call('GET', path, { key: t.regulator.token });
  expect(before.status, before.text).toBe(200);
  expect(before.json.score).toMatchObject({ model_version: 'v1', score: 85, tier: 'B' });
  expect(before.json.score.explanation[0]).toMatchObject({
    kind: 'verification_identity_mismatch',
    points: -15,
  });
  const [wrong] = t.gw.credit.eventsOf(subject);
  t.gw.credit.record({
    ...wrong!,
    kind: 'correction',
    source: 'correction',
    source_id: `regulator:test:${wrong!.id}`,
    cancels: wrong!.id,
    public: true,
  });
  const after = await t.call('GET', path, { key: t.regulator.token });
  expect(after.json.score).toMatchObject({ score: 100, tier: 'A' });
  expect(after.json.events).toHaveLength(2);
  expect((await t.call('GET', path, { key: t.platformA.key })).status).toBe(403);
  expect((await t.call('GET', path)).status).toBe(401);
  expect(
    (
      await t.call('GET', '/v1/regulator/subjects/01ARZ3NDEKTSV4RRFFQ69G5FAV/credit', {
        key: t.regulator.token,
      })
    ).status,
  ).toBe(404);
});
