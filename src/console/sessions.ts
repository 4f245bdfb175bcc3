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
/**
 * Login attempts the console takes at all, before anything is read or written: per client address (an
 * office behind one address logs in together in the morning), and from everyone together, which bounds
 * what a flood from many addresses costs: a password check is scrypt (about 16 MiB and tens of
 * milliseconds), and each failure before a lock-out is an audit entry.
 */
export const LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 20;
export const LOGIN_ATTEMPTS_PER_MINUTE = 120;

type SessionGateway = Pick<Gateway, 'accounts' | 'audit' | 'config' | 'db' | 'logger'> & {
  consoleStore: ConsoleStore;
};

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

/** Logs the session's regulator out: the session is deleted and the logout audited. */
export function endSession(gw: SessionGateway, c: Context, session: ConsoleSession): void {
  gw.db.transaction(() => {
    gw.audit.append({
      actor: `regulator:${session.regulator.id}`,
      action: 'console.logout',
      target_type: 'regulator',
      target_id: session.regulator.name,
    });
    gw.consoleStore.deleteSession(session.idHash);
  })();
  deleteCookie(c, cookieName(c, gw.config.publicUrl), { path: '/', secure: secure(c, gw.config.publicUrl) });
}

// Checked when the name is unknown, so that unknown names and wrong passwords take the same time.
const DECOY = hashPassword('marketgate-decoy-password');

export type LoginResult = { ok: true; regulatorId: number } | { ok: false; why: 'badLogin' | 'lockedOut' };

/**
 * Checks a name and password, with the lock-out: five failures for a name or from an address within
 * 15 minutes refuse every attempt (right or wrong) until the oldest of them is 15 minutes old.
 *
 * Audited: every success, every failure and the lock-out, one entry each. Refusals during a lock-out are
 * not: anyone could write thousands a second to the regulators' log without an account. They are
 * counted in memory (RefusalTally, below) and written as one `console.login_refused_summary` entry per
 * locked account or address and 15 minutes, when the 15 minutes are over or at the next successful
 * login. Nothing is written while refusing but such a summary. (The routes limit attempts per address
 * and in all before this is called: LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE, LOGIN_ATTEMPTS_PER_MINUTE.)
 */
export function attemptLogin(
  gw: SessionGateway,
  input: { name: string; password: string; address: string },
  now = new Date(),
): LoginResult {
  const store = gw.consoleStore;
  const refusals = refusalsOf(gw);
  refusals.flush(now);
  const since = new Date(now.getTime() - LOCK_MINUTES * 60_000).toISOString();
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
    refusals.count(
      account.n >= MAX_FAILURES
        ? { scope: 'account', key: name || '(empty)', other: input.address }
        : { scope: 'address', key: input.address, other: name || '(empty)' },
      now,
    );
    return { ok: false, why: 'lockedOut' };
  }
  const regulator = name ? gw.accounts.regulatorByName(name) : undefined;
  const matches = passwordMatches(input.password.slice(0, 256), regulator?.password_hash ?? DECOY);
  if (regulator && matches) {
    // What was refused before this success is written before it.
    refusals.flush(now, [tallyId('account', name || '(empty)'), tallyId('address', input.address)]);
    store.clearFailures('account', name);
    audit('console.login', {}, `regulator:${regulator.id}`);
    return { ok: true, regulatorId: regulator.id };
  }
  const at = now.toISOString();
  store.deleteFailuresBefore(since);
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

// One tally per gateway: keyed by its audit log, which the summaries are written to (the console hands
// this module a gateway of its own making, so the gateway object itself is no key).
const tallies = new WeakMap<SessionGateway['audit'], RefusalTally>();

function refusalsOf(gw: SessionGateway): RefusalTally {
  let tally = tallies.get(gw.audit);
  if (!tally) {
    tally = new RefusalTally(LOCK_MINUTES * 60_000, (summary, at) => {
      const { scope, key, refused, first_at, last_at, others, examples } = summary;
      const who = scope === 'account' ? 'addresses' : 'accounts';
      gw.audit.append(
        {
          actor: 'console',
          action: 'console.login_refused_summary',
          target_type: scope === 'account' ? 'regulator' : 'client_address',
          target_id: key,
          detail: { locked: scope, refused, first_at, last_at, [who]: others, [`${who}_examples`]: examples },
        },
        at,
      );
    });
    tally.onTimerError = (err) => gw.logger.error({ err }, 'login refusal summary not written');
    tallies.set(gw.audit, tally);
  }
  return tally;
}

type Scope = 'account' | 'address';
const tallyId = (scope: Scope, key: string) => `${scope} ${key}`;

/** Refusals of one locked account or address not yet written, with who else was in them. */
interface OpenTally {
  scope: Scope;
  key: string;
  refused: number;
  first: Date;
  last: Date;
  /** The addresses that tried a locked account, or the names tried from a locked address (at most 1,000). */
  others: Set<string>;
}

export interface RefusalSummary {
  scope: Scope;
  key: string;
  refused: number;
  first_at: string;
  last_at: string;
  /** How many addresses (account locked) or names (address locked) took part, counted up to 1,000. */
  others: number;
  /** The first five of them. */
  examples: string[];
}

/**
 * Refusals during lock-outs, counted in memory and written as one summary per locked key and window
 * (the window starts with the key's first unwritten refusal). A summary is written by the first login
 * attempt after its window, at the next success of its account or address, or by a timer at the end of
 * the window if nobody tries again. Bounded: past `maxOpen` keys, the oldest is written early. What a
 * stop of the gateway finds unwritten (at most one window's refusals) is lost.
 */
export class RefusalTally {
  private readonly open = new Map<string, OpenTally>();
  private timer: NodeJS.Timeout | undefined;
  onTimerError: (err: unknown) => void = () => {};

  constructor(
    private readonly windowMs: number,
    private readonly write: (summary: RefusalSummary, at: Date) => void,
    private readonly maxOpen = 10_000,
  ) {}

  count(refusal: { scope: Scope; key: string; other: string }, now: Date): void {
    const id = tallyId(refusal.scope, refusal.key);
    let tally = this.open.get(id);
    if (!tally) {
      if (this.open.size >= this.maxOpen) this.writeOut(this.open.keys().next().value!, now);
      tally = {
        scope: refusal.scope,
        key: refusal.key,
        refused: 0,
        first: now,
        last: now,
        others: new Set(),
      };
      this.open.set(id, tally);
      this.schedule(now);
    }
    tally.refused += 1;
    if (now > tally.last) tally.last = now;
    if (tally.others.size < 1000) tally.others.add(refusal.other);
  }

  /** Writes the summaries whose window is over at `now`, and those of `ids` whatever their window. */
  flush(now: Date, ids: string[] = []): void {
    for (const [id, tally] of this.open)
      if (now.getTime() - tally.first.getTime() >= this.windowMs || ids.includes(id)) this.writeOut(id, now);
  }

  /** Refusals counted and not written yet (tests). */
  get pending(): number {
    let n = 0;
    for (const tally of this.open.values()) n += tally.refused;
    return n;
  }

  private writeOut(id: string, now: Date): void {
    const tally = this.open.get(id)!;
    // Gone before it is written: a write that fails (the database closed) is not tried forever.
    this.open.delete(id);
    this.write(
      {
        scope: tally.scope,
        key: tally.key,
        refused: tally.refused,
        first_at: tally.first.toISOString(),
        last_at: tally.last.toISOString(),
        others: tally.others.size,
        examples: [...tally.others].slice(0, 5),
      },
      now,
    );
  }

  /** One timer for all: at the end of the earliest window (at least a second, at most a window away). */
  private schedule(now: Date): void {
    if (this.timer || this.open.size === 0) return;
    const earliest = Math.min(...[...this.open.values()].map((t) => t.first.getTime()));
    const delay = Math.min(this.windowMs, Math.max(1000, earliest + this.windowMs - now.getTime()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.flush(new Date());
      } catch (err) {
        this.onTimerError(err);
      }
      this.schedule(new Date());
    }, delay);
    this.timer.unref();
  }
}
