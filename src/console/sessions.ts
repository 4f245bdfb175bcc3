import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashPassword, passwordMatches } from '../accounts/secrets.ts';
import type { Gateway } from '../gateway-types.ts';
import type { Principal } from '../accounts/principal.ts';
import type { ConsoleStore } from './store.ts';

/** A session ends 12 hours after login, or after 30 minutes without a request. */
export const SESSION_HOURS = 12;
export const IDLE_MINUTES = 30;
/** Five failed logins for one account, or from one address, within 15 minutes lock it for 15 minutes. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

type SessionGateway = Pick<Gateway, 'accounts' | 'audit' | 'config'> & { consoleStore: ConsoleStore };

export interface ConsoleSession {
  idHash: Buffer;
  regulator: { id: number; name: string; role: 'regulator' | 'admin' };
  csrf: string;
  principal: Principal;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** `__Host-` binds the cookie to this host over https; over plain http browsers refuse that prefix. */
export function cookieName(c: Context, publicUrl: string): string {
  return secure(c, publicUrl) ? '__Host-mg_console' : 'mg_console';
}
function secure(c: Context, publicUrl: string): boolean {
  return new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:');
}

export function startSession(gw: SessionGateway, c: Context, regulatorId: number, now = new Date()): void {
  const secret = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  // Ended sessions go at the next login: the table holds only live ones and the recently ended.
  gw.consoleStore.deleteEndedSessions(at, new Date(now.getTime() - IDLE_MINUTES * 60_000).toISOString());
  gw.consoleStore.insertSession({
    id_hash: sha256(secret),
    regulator_id: regulatorId,
    csrf_token: randomBytes(24).toString('base64url'),
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  });
  setCookie(c, cookieName(c, gw.config.publicUrl), secret, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secure(c, gw.config.publicUrl),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** The session the request's cookie opens, or null (unknown, forged, ended or idle too long). */
export function currentSession(gw: SessionGateway, c: Context, now = new Date()): ConsoleSession | null {
  const secret = getCookie(c, cookieName(c, gw.config.publicUrl));
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const idHash = sha256(secret);
  const row = gw.consoleStore.session(idHash);
  if (!row) return null;
  const idleSince = new Date(now.getTime() - IDLE_MINUTES * 60_000).toISOString();
  if (row.expires_at <= now.toISOString() || row.last_seen_at <= idleSince) {
    gw.consoleStore.deleteSession(idHash);
    return null;
  }
  const regulator = gw.accounts.regulatorById(row.regulator_id);
  if (!regulator) return null;
  // Written at most once a minute: reading pages should not mean a write per request.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000)
    gw.consoleStore.touchSession(idHash, now.toISOString());
  return {
    idHash,
    regulator: { id: regulator.id, name: regulator.name, role: regulator.role },
    csrf: row.csrf_token,
    principal: {
      kind: 'regulator',
      regulatorId: regulator.id,
      name: regulator.name,
      role: regulator.role,
      keyPrefix: 'console',
    },
  };
}

export function endSession(gw: SessionGateway, c: Context, session: ConsoleSession): void {
  gw.consoleStore.deleteSession(session.idHash);
  deleteCookie(c, cookieName(c, gw.config.publicUrl), { path: '/', secure: secure(c, gw.config.publicUrl) });
}

// Checked when the name is unknown, so that unknown names and wrong passwords take the same time.
const DECOY = hashPassword('marketgate-decoy-password');

export type LoginResult = { ok: true; regulatorId: number } | { ok: false; why: 'badLogin' | 'lockedOut' };

/**
 * Checks a name and password, with the lock-out: five failures for a name or from an address within
 * 15 minutes refuse every attempt (right or wrong) until the oldest of them is 15 minutes old. Every
 * success, failure and lock-out is written to the audit log.
 */
export function attemptLogin(
  gw: SessionGateway,
  input: { name: string; password: string; address: string },
  now = new Date(),
): LoginResult {
  const store = gw.consoleStore;
  const since = new Date(now.getTime() - LOCK_MINUTES * 60_000).toISOString();
  store.deleteFailuresBefore(since);
  const name = input.name.trim().slice(0, 64);
  const account = store.failuresSince('account', name, since);
  const address = store.failuresSince('address', input.address, since);
  const audit = (action: string, detail: Record<string, unknown>, actor = 'console') =>
    gw.audit.append(
      {
        actor,
        action,
        target_type: 'regulator',
        target_id: name || '(empty)',
        detail: { address: input.address, ...detail },
      },
      now,
    );
  if (account.n >= MAX_FAILURES || address.n >= MAX_FAILURES) {
    audit('console.login_refused_locked', { account_failures: account.n, address_failures: address.n });
    return { ok: false, why: 'lockedOut' };
  }
  const regulator = name ? gw.accounts.regulatorByName(name) : undefined;
  const matches = passwordMatches(input.password.slice(0, 256), regulator?.password_hash ?? DECOY);
  if (regulator && matches) {
    store.clearFailures('account', name);
    audit('console.login', {}, `regulator:${regulator.id}`);
    return { ok: true, regulatorId: regulator.id };
  }
  const at = now.toISOString();
  store.recordFailure('account', name, at);
  store.recordFailure('address', input.address, at);
  audit('console.login_failed', { known_account: regulator !== undefined });
  if (account.n + 1 >= MAX_FAILURES || address.n + 1 >= MAX_FAILURES)
    audit('console.lockout', {
      minutes: LOCK_MINUTES,
      account_failures: account.n + 1,
      address_failures: address.n + 1,
    });
  return { ok: false, why: 'badLogin' };
}
