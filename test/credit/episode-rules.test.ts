import { describe, expect, test } from 'vitest';
import type { MarkFinding } from '../../crawlers/marks/types.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import {
  EPISODE_EVENT_EVERY_DAYS,
  markKey,
  observe,
  type OpenEpisode,
  stepEpisodes,
} from '../../src/credit/episodes.ts';

/** The episode rule, pure (docs/decisions/0014): what a verification opens, extends and closes. */
const filed = { name: '杭州示例商贸有限公司', uscc: '91330106673959654P' };
type Seen = Pick<Verification, 'verdict' | 'comparison' | 'marks'>;
const comparison = (over: Partial<Verification['comparison']> = {}): Verification['comparison'] => ({
  name: 'match',
  uscc: 'match',
  filed,
  shown: { name: filed.name, uscc: filed.uscc },
  ...over,
});
const compliant = (marks: MarkFinding[] = []): Seen => ({
  verdict: 'compliant',
  comparison: comparison(),
  marks,
});
const otherCode = (code: string, marks: MarkFinding[] = []): Seen => ({
  verdict: 'identity_mismatch',
  comparison: comparison({ uscc: 'mismatch', shown: { name: filed.name, uscc: code } }),
  marks,
});
const inconclusive = (marks: MarkFinding[] = []): Seen => ({
  verdict: 'inconclusive',
  comparison: comparison({ name: 'absent', uscc: 'absent', shown: { name: null, uscc: null } }),
  marks,
});
const mark = (
  verdict: MarkFinding['verdict'],
  id: string | null,
  href = 'https://seal.example/x',
): MarkFinding => ({
  verdict,
  issuer: 'trustseal',
  id,
  reason: verdict,
  href,
});

const T0 = Date.parse('2026-03-02T02:00:00Z');
const day = (n: number) => new Date(T0 + n * 86_400_000);
const episode = (over: Partial<OpenEpisode>): OpenEpisode => ({
  id: 'E1',
  about: 'identity',
  mark_key: '',
  violation: 'identity_mismatch/uscc/91110108795101314G',
  opened_at: day(0).toISOString(),
  last_event_at: day(0).toISOString(),
  ...over,
});
const steps = (open: OpenEpisode[], seen: Seen, at = day(1)) =>
  stepEpisodes(open, observe(seen), at).map((s) =>
    s.step === 'open'
      ? ['open', s.violation.about, s.violation.violation, s.violation.severity]
      : s.step === 'extend'
        ? ['extend', s.episode.id, s.event]
        : ['close', s.episode.id, s.why],
  );

describe('the identity', () => {
  test('the first violation opens an episode; the same one again extends it, without an event', () => {
    expect(steps([], otherCode('91110108795101314G'))).toEqual([
      ['open', 'identity', 'identity_mismatch/uscc/91110108795101314G', 'serious'],
    ]);
    expect(steps([episode({})], otherCode('91110108795101314G'))).toEqual([['extend', 'E1', false]]);
  });

  test(`one further event once the episode has lasted ${EPISODE_EVENT_EVERY_DAYS} days since its last event`, () => {
    const open = episode({});
    expect(steps([open], otherCode('91110108795101314G'), day(89))).toEqual([['extend', 'E1', false]]);
    expect(steps([open], otherCode('91110108795101314G'), day(90))).toEqual([['extend', 'E1', true]]);
    // Counted from the last event, not the opening.
    expect(
      steps([episode({ last_event_at: day(90).toISOString() })], otherCode('91110108795101314G'), day(170)),
    ).toEqual([['extend', 'E1', false]]);
    // A rebuilt episode without an event counts from its opening.
    expect(steps([episode({ last_event_at: null })], otherCode('91110108795101314G'), day(95))).toEqual([
      ['extend', 'E1', true],
    ]);
  });

  test('another violation while one is open closes it and opens its own (the closing first)', () => {
    expect(steps([episode({})], otherCode('91440300MA5FUTX73A'))).toEqual([
      ['close', 'E1', 'replaced'],
      ['open', 'identity', 'identity_mismatch/uscc/91440300MA5FUTX73A', 'serious'],
    ]);
    const missing: Seen = {
      verdict: 'identity_missing',
      comparison: comparison({ name: 'absent', uscc: 'absent' }),
      marks: [],
    };
    expect(steps([episode({})], missing)).toEqual([
      ['close', 'E1', 'replaced'],
      ['open', 'identity', 'identity_missing', 'moderate'],
    ]);
  });

  test('the field and the wrong code make the violation; a broken check character and a name are moderate', () => {
    const check = observe({
      verdict: 'identity_mismatch',
      comparison: comparison({
        uscc: 'invalid_check_character',
        shown: { name: null, uscc: '91330106673959654X' },
      }),
      marks: [],
    }).identity;
    expect(check).toMatchObject({
      violation: 'identity_mismatch/check_character/91330106673959654X',
      severity: 'moderate',
    });
    const name = observe({
      verdict: 'identity_mismatch',
      comparison: comparison({ name: 'mismatch', shown: { name: '别的公司', uscc: filed.uscc } }),
      marks: [],
    }).identity;
    expect(name).toMatchObject({ violation: 'identity_mismatch/name', severity: 'moderate' });
  });

  test('compliant closes; inconclusive neither opens, extends nor closes', () => {
    expect(steps([episode({})], compliant())).toEqual([['close', 'E1', 'resolved']]);
    expect(steps([episode({})], inconclusive())).toEqual([]);
    expect(steps([], inconclusive())).toEqual([]);
    expect(steps([], compliant())).toEqual([]);
  });
});

describe('trust marks, each on its own', () => {
  const copied = markKey(mark('copied', 'TS-2'));
  const markEpisode = (key: string, violation: string, id = 'M1') =>
    episode({ id, about: 'mark', mark_key: key, violation });

  test('keyed by issuer and id, or by issuer and address when there is no id', () => {
    expect(markKey(mark('copied', 'TS-2'))).toBe('trustseal|id:TS-2');
    expect(markKey({ issuer: null, id: null, img_src: 'https://fake.example/seal.png' })).toBe(
      '-|url:https://fake.example/seal.png',
    );
    expect(markKey(mark('forged', null, `https://seal.example/${'x'.repeat(1000)}`))).toHaveLength(512);
  });

  test('each non-genuine mark opens its episode; the same mark twice on a page is one, the worst', () => {
    expect(
      steps([], compliant([mark('copied', 'TS-2'), mark('expired', 'TS-3'), mark('expired', 'TS-2')])),
    ).toEqual([
      ['open', 'mark', 'copied', 'serious'],
      ['open', 'mark', 'expired', 'minor'],
    ]);
  });

  test('found again: extended; its verdict changed: replaced; genuine: resolved; no longer shown: gone', () => {
    const open = [markEpisode(copied, 'copied')];
    expect(steps(open, compliant([mark('copied', 'TS-2')]))).toEqual([['extend', 'M1', false]]);
    expect(steps(open, compliant([mark('revoked', 'TS-2')]))).toEqual([
      ['close', 'M1', 'replaced'],
      ['open', 'mark', 'revoked', 'moderate'],
    ]);
    expect(steps(open, compliant([mark('genuine', 'TS-2')]))).toEqual([['close', 'M1', 'resolved']]);
    expect(steps(open, compliant([]))).toEqual([['close', 'M1', 'gone']]);
    // The identity's verdict does not close a mark's episode: the page still shows the copied mark.
    expect(steps(open, otherCode('91110108795101314G', [mark('copied', 'TS-2')]))).toEqual([
      ['extend', 'M1', false],
      ['open', 'identity', 'identity_mismatch/uscc/91110108795101314G', 'serious'],
    ]);
  });

  test('a page that could not be judged closes no mark; a mark its issuer could not confirm touches nothing', () => {
    const open = [markEpisode(copied, 'copied')];
    expect(steps(open, inconclusive([]))).toEqual([]);
    expect(steps(open, compliant([mark('inconclusive', 'TS-2')]))).toEqual([]);
    // The issuer, not the page, judged the mark: a copy on a page whose identity was unreadable still counts.
    expect(steps([], inconclusive([mark('copied', 'TS-2')]))).toEqual([
      ['open', 'mark', 'copied', 'serious'],
    ]);
  });
});
