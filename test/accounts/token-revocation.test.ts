import { afterAll, describe, expect, test } from 'vitest';
import { addRegulator, addWorker, authenticate } from '../../src/accounts/service.ts';
import { runCli } from '../helpers/cli.ts';
import { testGateway } from '../helpers/gateway.ts';

/**
 * Regulators' API tokens and crawl workers' keys are rotated and revoked as platforms' keys are: a leaked
 * one is turned off at once without locking its account out (the regulator's console password stays).
 */
const t = testGateway();
afterAll(() => t.close());
const data = ['--data', t.dataDir];
const prefixOf = (key: string) => key.split('_').slice(0, 2).join('_');
const works = (key: string) => {
  try {
    authenticate(t.gw.accounts, key);
    return true;
  } catch {
    return false;
  }
};

describe.each([
  { kind: 'regulator', word: 'token', add: (name: string) => addRegulator(t.gw.accounts, { name }).token },
  { kind: 'worker', word: 'key', add: (name: string) => addWorker(t.gw.accounts, { name }).token },
])('$kind $word', ({ kind, word, add }) => {
  test(`rotate-${word} adds a second working ${word}; revoke-${word} turns the old one off; a third is refused`, async () => {
    const name = `${kind}-revocation`;
    const old = add(name);
    const rotated = await runCli([kind, `rotate-${word}`, name, '--json', ...data]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = JSON.parse(rotated.stdout).token as string;
    expect(fresh).toMatch(kind === 'regulator' ? /^mgr_/ : /^mgw_/);
    expect(works(old) && works(fresh)).toBe(true);
    const third = await runCli([kind, `rotate-${word}`, name, ...data]);
    expect(third.code).toBe(2);
    expect(third.stderr).toContain('revoke one first');

    // The whole key is accepted in place of its prefix; only the prefix is read, and never printed whole.
    const revoked = await runCli([kind, `revoke-${word}`, name, old, ...data]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked ${prefixOf(old)}`);
    expect(revoked.stdout).toContain(prefixOf(fresh));
    expect(revoked.stdout).not.toContain(old);
    expect(works(old)).toBe(false);
    expect(works(fresh)).toBe(true);

    const again = await runCli([kind, `revoke-${word}`, name, prefixOf(old), ...data]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already revoked');
  });

  test(`revoke-${word} refuses another account's ${word} and an unknown account`, async () => {
    const mine = add(`${kind}-mine`);
    const theirs = add(`${kind}-theirs`);
    const wrong = await runCli([kind, `revoke-${word}`, `${kind}-mine`, prefixOf(theirs), ...data]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`has no key ${prefixOf(theirs)}`);
    expect(works(theirs) && works(mine)).toBe(true);
    const unknown = await runCli([kind, `rotate-${word}`, 'nobody-here', ...data]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`no ${kind} "nobody-here"`);
  });
});

test('a revoked regulator token is refused by the API at once; the console password is untouched', async () => {
  const { token } = addRegulator(t.gw.accounts, { name: 'api-revocation' });
  const before = t.gw.db.prepare('SELECT password_hash FROM regulators WHERE name = ?').get('api-revocation');
  expect((await t.call('GET', '/v1/regulator/crawls', { key: token })).status).toBe(200);
  expect((await runCli(['regulator', 'revoke-token', 'api-revocation', prefixOf(token), ...data])).code).toBe(
    0,
  );
  expect((await t.call('GET', '/v1/regulator/crawls', { key: token })).status).toBe(401);
  expect(
    t.gw.db.prepare('SELECT password_hash FROM regulators WHERE name = ?').get('api-revocation'),
  ).toEqual(before);
});
