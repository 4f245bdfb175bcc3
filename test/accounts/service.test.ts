import { afterAll, describe, expect, test } from 'vitest';
import { passwordMatches } from '../../src/accounts/secrets.ts';
import {
  AccountError,
  addPlatform,
  authenticate,
  revokePlatformKey,
  rotatePlatformKey,
} from '../../src/accounts/service.ts';
import { DomainError } from '../../src/errors.ts';
import { testGateway } from '../helpers/gateway.ts';

const t = testGateway();
afterAll(() => t.close());

describe('platform keys', () => {
  test('are stored only as hashes', () => {
    const rows = t.gw.db.prepare('SELECT prefix, secret_hash FROM api_keys').all() as {
      prefix: string;
      secret_hash: Buffer;
    }[];
    const all = Buffer.concat(rows.map((r) => Buffer.concat([Buffer.from(r.prefix), r.secret_hash])));
    expect(all.includes(Buffer.from(t.platformA.key))).toBe(false);
    expect(all.includes(Buffer.from(t.platformA.key.slice(-43)))).toBe(false);
  });

  test('identify their platform', () => {
    expect(authenticate(t.gw.accounts, t.platformA.key)).toMatchObject({
      kind: 'platform',
      slug: t.platformA.slug,
    });
    expect(authenticate(t.gw.accounts, t.regulator.token)).toMatchObject({
      kind: 'regulator',
      role: 'regulator',
    });
  });

  test('rotate to two at most; revoking one leaves the other working', () => {
    const p = addPlatform(t.gw.accounts, { slug: 'rotating', name: 'R', uscc: '91110108795101314G' });
    const second = rotatePlatformKey(t.gw.accounts, 'rotating');
    expect(() => rotatePlatformKey(t.gw.accounts, 'rotating')).toThrow(AccountError);
    const result = revokePlatformKey(t.gw.accounts, 'rotating', p.prefix);
    expect(result.remaining).toEqual([second.prefix]);
    expect(() => authenticate(t.gw.accounts, p.key)).toThrow(DomainError);
    expect(authenticate(t.gw.accounts, second.key).kind).toBe('platform');
    expect(() => revokePlatformKey(t.gw.accounts, 'rotating', p.prefix)).toThrow(/already revoked/);
    expect(() => revokePlatformKey(t.gw.accounts, t.platformA.slug, second.prefix)).toThrow(/has no key/);
  });

  test('a duplicate slug or an invalid USCC is refused', () => {
    expect(() =>
      addPlatform(t.gw.accounts, { slug: t.platformA.slug, name: 'x', uscc: '91330106673959654P' }),
    ).toThrow(/already exists/);
    expect(() =>
      addPlatform(t.gw.accounts, { slug: 'new-one', name: 'x', uscc: '91330106673959654Q' }),
    ).toThrow(/uscc/);
  });
});

test("a regulator's console password is kept with scrypt and checks", () => {
  const row = t.gw.accounts.regulatorByName(t.regulator.name)!;
  expect(row.password_hash).toMatch(/^scrypt\$/);
  expect(row.password_hash).not.toContain(t.regulator.password);
  expect(passwordMatches(t.regulator.password, row.password_hash)).toBe(true);
  expect(passwordMatches(`${t.regulator.password}x`, row.password_hash)).toBe(false);
});
