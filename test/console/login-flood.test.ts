import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signFormToken } from '../../src/console/security.ts';
import {
  attemptLogin,
  LOCK_MINUTES,
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
  RefusalTally,
  type RefusalSummary,
} from '../../src/console/sessions.ts';
import { consoleStore } from '../../src/console/store.ts';
import type { Gateway } from '../../src/gateway-types.ts';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * The audit flood: refused logins during a lock-out are counted in memory and written as one summary
 * per locked account or address and window; login attempts are rate-limited before anything is read or
 * written. The regulators' audit log cannot be filled by someone without an account.
 */
let t: TestGateway;
const gateway = () => Object.assign(Object.create(t.gw) as Gateway, { consoleStore: consoleStore(t.gw.db) });
const entries = () => t.gw.audit.head().seq;
const ofAction = (action: string) =>
  t.gw.audit.recent(Number.MAX_SAFE_INTEGER, 100_000).filter((e) => e.action === action);
const MINUTE = 60_000;

beforeAll(() => {
  t = testGateway();
});
afterAll(() => t.close());

describe('refusals during a lock-out', () => {
  test('1,000 refused logins after an account locks add no entry; one summary with their count follows', () => {
    const gw = gateway();
    const name = t.regulator.name;
    const t0 = Date.parse('2030-03-01T08:00:00Z');
    const before = entries();
    // The failures before the lock-out are audited one by one, as is the lock-out.
    for (let i = 0; i < 5; i++)
      expect(attemptLogin(gw, { name, password: 'wrong', address: `10.1.0.${i}` }, new Date(t0 + i))).toEqual(
        {
          ok: false,
          why: 'badLogin',
        },
      );
    expect(entries() - before).toBe(6);
    const locked = entries();
    for (let i = 0; i < 1000; i++) {
      const at = new Date(t0 + MINUTE + i * 500);
      const result = attemptLogin(
        gw,
        { name, password: i % 2 ? 'wrong' : t.regulator.password, address: `10.2.${i >> 8}.${i & 255}` },
        at,
      );
      expect(result).toEqual({ ok: false, why: 'lockedOut' });
    }
    expect(entries()).toBe(locked);
    // When the window is over, the next attempt (whoever makes it) writes the summary first.
    const after = new Date(t0 + MINUTE + LOCK_MINUTES * MINUTE + 1);
    expect(
      attemptLogin(gw, { name, password: t.regulator.password, address: '10.9.9.9' }, after),
    ).toMatchObject({
      ok: true,
    });
    const summaries = ofAction('console.login_refused_summary').filter((e) => e.target_id === name);
    expect(summaries).toHaveLength(1);
    expect(JSON.parse(summaries[0]!.detail)).toMatchObject({
      locked: 'account',
      refused: 1000,
      first_at: new Date(t0 + MINUTE).toISOString(),
      last_at: new Date(t0 + MINUTE + 999 * 500).toISOString(),
      addresses: 1000,
      addresses_examples: ['10.2.0.0', '10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4'],
    });
    // The summary, then the login: two entries for a thousand refusals. The chain holds.
    expect(entries() - locked).toBe(2);
    expect(t.gw.audit.verify()).toMatchObject({ ok: true });
  });

  test('a flood that lasts writes one summary per window and locked key; a success writes its own at once', () => {
    const gw = gateway();
    const address = '192.0.2.77';
    const t0 = Date.parse('2031-05-01T08:00:00Z');
    for (let i = 0; i < 5; i++)
      attemptLogin(gw, { name: `nobody-${i}`, password: 'x', address }, new Date(t0 + i));
    const locked = entries();
    // Forty minutes of refusals from the locked address, ten a second; the lock is renewed by nobody, so
    // it ends after 15 minutes: then new failures lock it again. Count what the log gets.
    let refused = 0;
    for (let ms = MINUTE; ms < 40 * MINUTE; ms += 100) {
      const result = attemptLogin(gw, { name: `guess-${ms % 7}`, password: 'x', address }, new Date(t0 + ms));
      if (result.ok === false && result.why === 'lockedOut') refused++;
    }
    expect(refused).toBeGreaterThan(20_000);
    const written = entries() - locked;
    // At most: a summary per window, and the five failures and a lock-out each time the lock ends.
    expect(written).toBeLessThanOrEqual(3 * 7);
    const summaries = ofAction('console.login_refused_summary').filter((e) => e.target_id === address);
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    for (const s of summaries) {
      expect(s.target_type).toBe('client_address');
      expect(JSON.parse(s.detail)).toMatchObject({ locked: 'address', accounts: 7 });
    }
    const counted = summaries.reduce((n, s) => n + (JSON.parse(s.detail) as { refused: number }).refused, 0);
    // What is not written yet waits for its window to end.
    expect(counted).toBeLessThanOrEqual(refused);
    expect(counted).toBeGreaterThan(refused - 15 * 600);
  });

  test('the right password from another address writes the summary of its account before the login', () => {
    const gw = gateway();
    const name = t.regulator.name;
    const t0 = Date.parse('2032-01-01T08:00:00Z');
    for (let i = 0; i < 5; i++)
      attemptLogin(gw, { name, password: 'wrong', address: '198.51.100.1' }, new Date(t0));
    for (let i = 0; i < 3; i++)
      attemptLogin(gw, { name, password: 'wrong', address: '198.51.100.2' }, new Date(t0 + MINUTE));
    // The account's failures end with the window; the success writes what was refused first.
    const ok = attemptLogin(
      gw,
      { name, password: t.regulator.password, address: '198.51.100.3' },
      new Date(t0 + 16 * MINUTE),
    );
    expect(ok).toMatchObject({ ok: true });
    const last = t.gw.audit.recent(Number.MAX_SAFE_INTEGER, 2);
    expect(last.map((e) => e.action)).toEqual(['console.login', 'console.login_refused_summary']);
    expect(JSON.parse(last[1]!.detail)).toMatchObject({ refused: 3, addresses: 1 });
  });
});

describe('the tally on its own', () => {
  test('past maxOpen keys the oldest is written early; a timer writes what nobody flushes', async () => {
    const written: RefusalSummary[] = [];
    const tally = new RefusalTally(1000, (s) => written.push(s), 2);
    const now = new Date();
    tally.count({ scope: 'address', key: 'a', other: 'x' }, now);
    tally.count({ scope: 'address', key: 'b', other: 'x' }, now);
    tally.count({ scope: 'address', key: 'c', other: 'x' }, now);
    expect(written.map((s) => s.key)).toEqual(['a']);
    expect(tally.pending).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(written.map((s) => s.key).sort()).toEqual(['a', 'b', 'c']);
    expect(tally.pending).toBe(0);
  });
});

describe('over HTTP: limited before anything is read or written', () => {
  test('a thousand login posts from one address: a handful reach the check, the rest get 429 with Retry-After', async () => {
    const before = entries();
    const statuses = new Map<number, number>();
    let retryAfter = '';
    for (let i = 0; i < 1000; i++) {
      const res = await t.app.request('/console/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _form: signFormToken(t.gw.keys, 'login'),
          name: t.regulator.name,
          password: 'wrong',
        }).toString(),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after') ?? '';
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
      }
    }
    // Five failures, then refusals of the lock-out, up to the per-address limit; then the limit refuses.
    expect(statuses.get(401)).toBe(5);
    expect(statuses.get(429)).toBe(1000 - 5);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(entries() - before).toBeLessThanOrEqual(6);
    expect(LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE).toBeLessThan(1000);
  });
});
