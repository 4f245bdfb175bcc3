import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MarkFinding } from '../../crawlers/marks/types.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { MODEL_V1, scoreSubject } from '../../src/credit/model.ts';
import { loadConfig } from '../../src/config.ts';
import { migrate } from '../../src/db/database.ts';
import { rebuildViolationEpisodes } from '../../src/db/migrations/011_violation_episodes.ts';
import { type Gateway, openGateway } from '../../src/gateway.ts';
import { newId } from '../../src/lib/ids.ts';
import { recordVerification } from '../../src/verification/service.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * Migration 011 on a database an older gateway left: there, every verification that found a violation
 * wrote a credit event (its listener, after the verdict was committed). Opened by this gateway, the
 * duplicates are cancelled by correction events, the episodes are rebuilt, and the score goes back up.
 */
const dir = tempDir('mg-episodes-migration-');
let gw: Gateway;

const FILED = { name: '杭州旧账商贸有限公司', uscc: '91330106673959654P' };
const OTHER = '91110108795101314G';
const NOW = Date.now();
/** A moment `days` (fractional) before now. */
const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

function verification(
  verdict: Verification['verdict'],
  at: string,
  marks: MarkFinding[] = [],
  url = 'https://old.example.cn/',
): Verification {
  const shown = verdict === 'compliant' ? FILED.uscc : verdict === 'identity_mismatch' ? OTHER : null;
  return {
    url,
    final_url: url,
    status: verdict === 'inconclusive' ? 503 : 200,
    verdict,
    ...(verdict === 'inconclusive' ? { reason: 'http_error' as const } : {}),
    detail: verdict,
    mode: 'static',
    found: {
      names: shown ? [FILED.name] : [],
      usccs: shown ? [{ code: shown, valid: true, source: 'text' }] : [],
      registration_numbers: [],
      license_links: [],
      license_images: [],
      hidden: { names: [], usccs: [] },
    },
    comparison: {
      name: shown ? 'match' : 'absent',
      uscc: verdict === 'compliant' ? 'match' : verdict === 'identity_mismatch' ? 'mismatch' : 'absent',
      filed: FILED,
      shown: { name: shown ? FILED.name : null, uscc: shown },
    },
    trust_marks: [],
    marks,
    marks_violation: marks.some((m) => m.verdict !== 'genuine' && m.verdict !== 'inconclusive'),
    evidence: {},
    truncated: false,
    retries: 0,
    visits: [],
    crawler: { name: 'marketgate-crawler', version: '0.1.0', user_agent: 'marketgate-crawler/0.1' },
    started_at: at,
    finished_at: at,
  };
}
const lookalike: MarkFinding = {
  verdict: 'lookalike_issuer',
  issuer: 'knet-trusted-site',
  id: null,
  reason: 'kxwz.knet.cn.verify-seal.com imitates knet.cn',
  href: 'https://kxwz.knet.cn.verify-seal.com/verify?sn=X1',
};
const copied: MarkFinding = {
  verdict: 'copied',
  issuer: 'trustseal',
  id: 'TS-0002',
  reason: 'issued to another site',
  href: 'https://seal.example/verify?sn=TS-0002',
};

/** The old database: migrations up to 010, and what the old listeners wrote: one event per verification. */
function buildOldDatabase() {
  const db = new Database(path.join(dir, 'marketgate.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, { upTo: 10 });
  const at = ago(30);
  db.prepare(
    "INSERT INTO platforms (id, slug, name, uscc, created_at) VALUES (1, 'old', 'Old Mall', ?, ?)",
  ).run(FILED.uscc, at);
  const subjects = { dup: newId(), marks: newId(), long: newId() };
  const codes = { dup: FILED.uscc, marks: '91330106000000507U', long: '91440300MA5FUTX73A' };
  for (const [seller, subject] of Object.entries(subjects)) {
    db.prepare(
      `INSERT INTO subjects (id, kind, uscc, legal_name, created_at, updated_at) VALUES (?, 'enterprise', ?, ?, ?, ?)`,
    ).run(subject, codes[seller as keyof typeof codes], FILED.name, at, at);
    db.prepare(
      `INSERT INTO sellers (platform_id, seller_id, subject_id, version, digest, subject_type, legal_name, store_name,
         store_url, status, first_filed_at, updated_at)
       VALUES (1, ?, ?, 1, x'00', 'enterprise', ?, ?, 'https://old.example.cn/', 'active', ?, ?)`,
    ).run(seller, subject, FILED.name, seller, at, at);
  }
  const ids: Record<Seller, string[]> = { dup: [], marks: [], long: [] };
  const events: Record<Seller, string[]> = { dup: [], marks: [], long: [] };
  type Seller = keyof typeof subjects;
  const visit = (seller: Seller, v: Verification) => {
    const id = newId();
    ids[seller].push(id);
    db.prepare(
      `INSERT INTO verifications (id, crawl_id, platform_id, seller_id, subject_id, seller_version, store_url, verdict,
         reason, record, finished_at)
       VALUES (?, NULL, 1, ?, ?, 1, ?, ?, ?, ?, ?)`,
    ).run(id, seller, subjects[seller], v.url, v.verdict, v.reason ?? null, JSON.stringify(v), v.finished_at);
    // As creditFromVerification wrote them before 011: the identity, and the worst mark, every time.
    const event = (kind: string, severity: string, source: string) => {
      const eventId = newId();
      events[seller].push(eventId);
      db.prepare(
        `INSERT INTO credit_events (id, subject_id, platform_id, seller_id, kind, severity, source, source_id,
           occurred_at, counts_until, public, cancels, recorded_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, NULL, 1, NULL, ?)`,
      ).run(eventId, subjects[seller], seller, kind, severity, source, id, v.finished_at, v.finished_at);
    };
    if (v.verdict === 'identity_mismatch') event('verification_identity_mismatch', 'serious', 'verification');
    if (v.marks_violation) event('mark_not_genuine', 'serious', 'trust_mark');
  };
  // Another company's code crawled four times in seven minutes (an unreadable visit between), then
  // compliant, then the same violation again, crawled twice.
  const minutes = (n: number) => ago(3 - n / 1440);
  for (const n of [0, 2]) visit('dup', verification('identity_mismatch', minutes(n)));
  visit('dup', verification('inconclusive', minutes(3)));
  for (const n of [4, 7]) visit('dup', verification('identity_mismatch', minutes(n)));
  visit('dup', verification('compliant', ago(2)));
  for (const n of [0, 1]) visit('dup', verification('identity_mismatch', ago(1 - n / 1440)));
  // A lookalike mark three times; the third visit also finds a copied mark.
  visit('marks', verification('compliant', ago(3), [lookalike]));
  visit('marks', verification('compliant', ago(2), [lookalike]));
  visit('marks', verification('compliant', ago(1), [lookalike, copied]));
  // A violation that lasted: 100 days, 70 and 5 days ago. The middle one a regulator corrected already.
  for (const days of [100, 70, 5]) visit('long', verification('identity_mismatch', ago(days)));
  db.prepare(
    `INSERT INTO credit_events (id, subject_id, platform_id, seller_id, kind, severity, source, source_id,
       occurred_at, counts_until, public, cancels, recorded_at)
     VALUES (?, ?, 1, 'long', 'correction', 'serious', 'correction', ?, ?, NULL, 1, ?, ?)`,
  ).run(newId(), subjects.long, `regulator:3:${events.long[1]}`, ago(60), events.long[1], ago(60));
  // Stored scores, as the old listener's rescoring left them.
  for (const subject of Object.values(subjects)) {
    const rows = db.prepare('SELECT * FROM credit_events WHERE subject_id = ?').all(subject) as never[];
    const score = scoreSubject(rows, new Date(NOW), MODEL_V1);
    db.prepare(
      `INSERT INTO credit_scores (subject_id, model_version, score, tier, tier_rule, computed_at, explanation)
       VALUES (?, 'v1', ?, ?, ?, ?, ?)`,
    ).run(subject, score.score, score.tier, score.tier_rule, score.at, JSON.stringify(score));
  }
  db.close();
  return { subjects, ids, events };
}

let old: ReturnType<typeof buildOldDatabase>;
let before: Record<string, number>;

beforeAll(() => {
  old = buildOldDatabase();
  const config = loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 });
  before = Object.fromEntries(
    Object.entries(old.subjects).map(([seller, subject]) => {
      const db = new Database(path.join(dir, 'marketgate.db'), { readonly: true });
      const row = db
        .prepare("SELECT score FROM credit_scores WHERE subject_id = ? AND model_version = 'v1'")
        .get(subject);
      db.close();
      return [seller, (row as { score: number }).score];
    }),
  );
  gw = openGateway(config, pino({ level: 'silent' }));
});

afterAll(async () => {
  await gw?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const corrections = (subject: string) =>
  gw.credit.eventsOf(subject).filter((e) => e.kind === 'correction' && e.source === 'correction');
const cancelledIds = (subject: string) => corrections(subject).map((e) => e.cancels);
const episodes = (seller: string) => gw.credit.episodesOfStore(1, seller, 100).reverse();

test('repeated events of one violation are cancelled by corrections that occur with them: the first of each episode stays', () => {
  const { subjects, events } = old;
  // dup: 4 events in the first run (the inconclusive visit does not break it), 2 in the second.
  expect(cancelledIds(subjects.dup).sort()).toEqual(
    [events.dup[1], events.dup[2], events.dup[3], events.dup[5]].sort(),
  );
  for (const c of corrections(subjects.dup)) {
    const cancelled = gw.credit.eventsOf(subjects.dup).find((e) => e.id === c.cancels)!;
    expect(c).toMatchObject({ occurred_at: cancelled.occurred_at, severity: 'serious', public: 1 });
  }
  // marks: the second visit repeated the lookalike; the third opened the copied mark's episode.
  expect(cancelledIds(subjects.marks)).toEqual([events.marks[1]]);
  // long: the last event came 65 days after the last one that counted, but 95 after the opening one:
  // kept as the further event of a violation that lasted; the middle one was corrected already.
  expect(cancelledIds(subjects.long)).toEqual([events.long[1]]);
  expect(corrections(subjects.long)).toHaveLength(1);
});

test('the episodes are rebuilt, open ones included, with their verifications as evidence', () => {
  const { ids, events } = old;
  expect(episodes('dup')).toEqual([
    expect.objectContaining({
      about: 'identity',
      violation: `identity_mismatch/uscc/${OTHER}`,
      opened_by: ids.dup[0],
      seen: 4,
      events: 1,
      closed_by: ids.dup[5],
      close_reason: 'resolved',
    }),
    expect.objectContaining({ opened_by: ids.dup[6], seen: 2, events: 1, closed_at: null }),
  ]);
  expect(gw.credit.evidenceOf(episodes('dup')[0]!.id)).toEqual(
    [0, 1, 3, 4].map((i) => ({
      episode_id: episodes('dup')[0]!.id,
      verification_id: ids.dup[i],
      credit_event_id: i === 0 ? events.dup[0] : null,
    })),
  );
  expect(episodes('marks').map((e) => [e.violation, e.seen, e.events, e.closed_at])).toEqual([
    ['lookalike_issuer', 3, 1, null],
    ['copied', 1, 1, null],
  ]);
  expect(episodes('long')).toEqual([expect.objectContaining({ seen: 3, events: 2, closed_at: null })]);
});

test('the score goes back up, and the stored score with it', () => {
  const score = (subject: string) => scoreSubject(gw.credit.eventsOf(subject), new Date()).score;
  expect(before.dup).toBeLessThan(30);
  expect(score(old.subjects.dup)).toBeGreaterThan(69);
  expect(score(old.subjects.dup)).toBeGreaterThan(before.dup! + 40);
  expect(score(old.subjects.marks)).toBeGreaterThan(before.marks!);
  expect(gw.creditRecords.scoresOf(old.subjects.dup)).toEqual([
    expect.objectContaining({ model_version: 'v1', score: expect.closeTo(score(old.subjects.dup), 0) }),
  ]);
});

test('the next visit extends the open episode: no new event', () => {
  const store = {
    platform_id: 1,
    seller_id: 'dup',
    subject_id: old.subjects.dup,
    seller_version: 1,
    store_url: 'https://old.example.cn/',
  };
  const eventsBefore = gw.credit.eventsOf(old.subjects.dup).length;
  const recorded = recordVerification(
    gw,
    null,
    store,
    verification('identity_mismatch', new Date().toISOString()),
  );
  expect(recorded.episodes).toMatchObject({ opened: [], events: [], extended: [episodes('dup')[1]!.id] });
  expect(gw.credit.eventsOf(old.subjects.dup)).toHaveLength(eventsBefore);
});

test('idempotent: run again, it finds every store done and writes nothing', () => {
  const count = () =>
    (
      gw.db
        .prepare(
          'SELECT (SELECT count(*) FROM credit_events) + (SELECT count(*) FROM violation_episodes) AS n',
        )
        .get() as {
        n: number;
      }
    ).n;
  const n = count();
  expect(rebuildViolationEpisodes(gw.db)).toEqual({ stores: 0, episodes: 0, corrections: 0, subjects: 0 });
  expect(count()).toBe(n);
  // Applied once, with its SQL, in the migration's transaction.
  expect(gw.db.prepare('SELECT name FROM schema_migrations WHERE version = 11').pluck().all()).toEqual([
    '011_violation_episodes.sql',
  ]);
});
