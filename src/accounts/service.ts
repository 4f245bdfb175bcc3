import type { Principal } from './principal.ts';
import { DomainError } from '../errors.ts';
import { utcNow } from '../lib/dates.ts';
import { isValidUscc, normalizeUscc } from '../../crawlers/lib/uscc.ts';
import { generatePassword, hashKey, hashPassword, issueKey, keyMatches, keyPrefixOf } from './secrets.ts';
import type { AccountsStore, KeyRow } from './store.ts';

/** Thrown for wrong command-line input to account verbs; the CLI prints its message. */
export class AccountError extends Error {}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
// Two keys may be active at once: the old and the new one while a platform rotates.
const MAX_ACTIVE_KEYS = 2;

export function addPlatform(store: AccountsStore, input: { slug: string; name: string; uscc: string }) {
  if (!SLUG.test(input.slug)) {
    throw new AccountError(
      'slug must be 1-40 lower-case letters, digits and inner hyphens (e.g. "shop-one")',
    );
  }
  const name = input.name.trim();
  if (!name) throw new AccountError('--name must not be empty');
  const uscc = normalizeUscc(input.uscc);
  if (!isValidUscc(uscc))
    throw new AccountError('--uscc is not a valid unified social credit code (GB 32100-2015)');
  if (store.platformBySlug(input.slug)) throw new AccountError(`platform "${input.slug}" already exists`);
  const issued = issueKey('mgp');
  const now = utcNow();
  store.transaction(() => {
    const platformId = store.insertPlatform({ slug: input.slug, name, uscc, created_at: now });
    store.insertKey({
      prefix: issued.prefix,
      secret_hash: issued.secretHash,
      platform_id: platformId,
      regulator_id: null,
      created_at: now,
    });
  });
  return { slug: input.slug, key: issued.key, prefix: issued.prefix };
}

/**
 * Adds a department (tax, customs, courts, another regulator) with its first API key. It shares the
 * platforms' slugs (one namespace of filers); its code is its unified social credit code when given.
 */
export function addDepartment(store: AccountsStore, input: { slug: string; name: string; uscc?: string }) {
  if (!SLUG.test(input.slug)) {
    throw new AccountError(
      'slug must be 1-40 lower-case letters, digits and inner hyphens (e.g. "tax-bureau")',
    );
  }
  const name = input.name.trim();
  if (!name) throw new AccountError('--name must not be empty');
  let uscc = '';
  if (input.uscc !== undefined) {
    uscc = normalizeUscc(input.uscc);
    if (!isValidUscc(uscc))
      throw new AccountError('--uscc is not a valid unified social credit code (GB 32100-2015)');
  }
  if (store.platformBySlug(input.slug))
    throw new AccountError(`"${input.slug}" is taken already (by a platform or a department)`);
  const issued = issueKey('mgd');
  const now = utcNow();
  store.transaction(() => {
    const id = store.insertPlatform({ slug: input.slug, name, uscc, kind: 'department', created_at: now });
    store.insertKey({
      prefix: issued.prefix,
      secret_hash: issued.secretHash,
      platform_id: id,
      regulator_id: null,
      created_at: now,
    });
  });
  return { slug: input.slug, name, kind: 'department' as const, key: issued.key, prefix: issued.prefix };
}

export function rotatePlatformKey(store: AccountsStore, slug: string) {
  const platform = store.platformBySlug(slug);
  if (!platform) throw new AccountError(`no platform or department "${slug}"`);
  const issued = issueKey(platform.kind === 'department' ? 'mgd' : 'mgp');
  store.transaction(() => {
    const active = store.activePlatformKeys(platform.id);
    if (active.length >= MAX_ACTIVE_KEYS) {
      throw new AccountError(
        `platform "${slug}" already has ${active.length} active keys (${active.map((k) => k.prefix).join(', ')}); revoke one first`,
      );
    }
    store.insertKey({
      prefix: issued.prefix,
      secret_hash: issued.secretHash,
      platform_id: platform.id,
      regulator_id: null,
      created_at: utcNow(),
    });
  });
  return { slug, key: issued.key, prefix: issued.prefix };
}

export function revokePlatformKey(store: AccountsStore, slug: string, prefixInput: string) {
  const platform = store.platformBySlug(slug);
  if (!platform) throw new AccountError(`no platform or department "${slug}"`);
  // Accept the whole key by mistake as well as its prefix; only the prefix is ever looked at.
  const prefix = keyPrefixOf(prefixInput) ?? prefixInput.trim();
  const key = store.keyByPrefix(prefix);
  if (!key || key.platform_id !== platform.id)
    throw new AccountError(`platform "${slug}" has no key ${prefix}`);
  if (key.revoked_at) throw new AccountError(`key ${prefix} was already revoked at ${key.revoked_at}`);
  store.revokeKey(key.id, utcNow());
  return { slug, prefix, remaining: store.activePlatformKeys(platform.id).map((k) => k.prefix) };
}

export function addRegulator(store: AccountsStore, input: { name: string; admin?: boolean }) {
  const name = input.name.trim();
  if (!/^[\p{L}\p{N}._ -]{1,64}$/u.test(name)) {
    throw new AccountError('name must be 1-64 letters, digits, spaces, dots, hyphens or underscores');
  }
  if (store.regulatorByName(name)) throw new AccountError(`regulator "${name}" already exists`);
  const issued = issueKey('mgr');
  const password = generatePassword();
  const now = utcNow();
  store.transaction(() => {
    const regulatorId = store.insertRegulator({
      name,
      role: input.admin ? 'admin' : 'regulator',
      password_hash: hashPassword(password),
      created_at: now,
    });
    store.insertKey({
      prefix: issued.prefix,
      secret_hash: issued.secretHash,
      platform_id: null,
      regulator_id: regulatorId,
      created_at: now,
    });
  });
  return { name, role: input.admin ? 'admin' : 'regulator', token: issued.key, password };
}

/** An account that holds API keys other than a platform: a regulator or a crawl worker. */
interface KeyHolder {
  /** How the account is named in messages: `regulator "x"`, `worker "y"`. */
  label: string;
  kind: 'mgr' | 'mgw';
  owner: { regulator_id: number } | { worker_id: number };
  active(): KeyRow[];
}

function regulatorHolder(store: AccountsStore, name: string): KeyHolder {
  const regulator = store.regulatorByName(name.trim());
  if (!regulator) throw new AccountError(`no regulator "${name}"`);
  return {
    label: `regulator "${regulator.name}"`,
    kind: 'mgr',
    owner: { regulator_id: regulator.id },
    active: () => store.activeRegulatorKeys(regulator.id),
  };
}

function workerHolder(store: AccountsStore, name: string): KeyHolder {
  const worker = store.workerByName(name.trim());
  if (!worker) throw new AccountError(`no worker "${name}"`);
  return {
    label: `worker "${worker.name}"`,
    kind: 'mgw',
    owner: { worker_id: worker.id },
    active: () => store.activeWorkerKeys(worker.id),
  };
}

/** A second key for the holder (at most MAX_ACTIVE_KEYS at once): both work until one is revoked. */
function rotateHolderKey(store: AccountsStore, holder: KeyHolder) {
  const issued = issueKey(holder.kind);
  store.transaction(() => {
    const active = holder.active();
    if (active.length >= MAX_ACTIVE_KEYS)
      throw new AccountError(
        `${holder.label} already has ${active.length} active keys (${active.map((k) => k.prefix).join(', ')}); revoke one first`,
      );
    store.insertKey({
      prefix: issued.prefix,
      secret_hash: issued.secretHash,
      platform_id: null,
      regulator_id: null,
      ...holder.owner,
      created_at: utcNow(),
    });
  });
  return { key: issued.key, prefix: issued.prefix };
}

/** Revokes one of the holder's keys by its prefix (the whole key is accepted too; only its prefix is read). */
function revokeHolderKey(store: AccountsStore, holder: KeyHolder, prefixInput: string) {
  const prefix = keyPrefixOf(prefixInput) ?? prefixInput.trim();
  const key = store.keyByPrefix(prefix);
  const owned =
    key !== undefined &&
    ('regulator_id' in holder.owner
      ? key.regulator_id === holder.owner.regulator_id
      : key.worker_id === holder.owner.worker_id);
  if (!owned) throw new AccountError(`${holder.label} has no key ${prefix}`);
  if (key.revoked_at) throw new AccountError(`key ${prefix} was already revoked at ${key.revoked_at}`);
  store.revokeKey(key.id, utcNow());
  return { prefix, remaining: holder.active().map((k) => k.prefix) };
}

/** A second API token for a regulator (a leaked one is then revoked without locking them out). */
export function rotateRegulatorToken(store: AccountsStore, name: string) {
  const { key, prefix } = rotateHolderKey(store, regulatorHolder(store, name));
  return { name: name.trim(), token: key, prefix };
}

/** Revokes a regulator's API token by its prefix (mgr_XXXXXXXX); their console password is not touched. */
export function revokeRegulatorToken(store: AccountsStore, name: string, prefix: string) {
  return { name: name.trim(), ...revokeHolderKey(store, regulatorHolder(store, name), prefix) };
}

/** A second key for a crawl worker. */
export function rotateWorkerKey(store: AccountsStore, name: string) {
  const { key, prefix } = rotateHolderKey(store, workerHolder(store, name));
  return { name: name.trim(), token: key, prefix };
}

/** Revokes a crawl worker's key by its prefix (mgw_XXXXXXXX): the gateway refuses it at once. */
export function revokeWorkerKey(store: AccountsStore, name: string, prefix: string) {
  return { name: name.trim(), ...revokeHolderKey(store, workerHolder(store, name), prefix) };
}

/** A crawl worker of the fleet with its API key (`mgw_...`), shown once. */
export function addWorker(store: AccountsStore, input: { name: string }) {
  const name = input.name.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
    throw new AccountError('a worker name is 1-64 letters, digits, dots, hyphens or underscores');
  if (store.workerByName(name)) throw new AccountError(`worker "${name}" already exists`);
  const issued = issueKey('mgw');
  const now = utcNow();
  store.transaction(() => {
    const workerId = store.insertWorker({ name, created_at: now });
    store.insertKey({
      prefix: issued.prefix,
      secret_hash: issued.secretHash,
      platform_id: null,
      regulator_id: null,
      worker_id: workerId,
      created_at: now,
    });
  });
  return { name, token: issued.key };
}

// Compared against when the prefix is unknown, so that unknown and wrong keys take the same time.
const DECOY_HASH = hashKey('mgp_DECOYKEY_decoy');

/** Resolves a bearer key to its platform or regulator, or throws 401 without saying which part was wrong. */
export function authenticate(store: AccountsStore, presented: string): Principal {
  const prefix = keyPrefixOf(presented);
  const row = prefix ? store.keyByPrefix(prefix) : undefined;
  const matches = keyMatches(presented, row?.secret_hash ?? DECOY_HASH);
  if (!row || !matches || row.revoked_at) {
    throw new DomainError('unauthorized', 'the API key is unknown, wrong or revoked');
  }
  if (row.platform_id !== null) {
    const platform = store.platformById(row.platform_id)!;
    return platform.kind === 'department'
      ? { kind: 'department', departmentId: platform.id, slug: platform.slug, keyPrefix: row.prefix }
      : { kind: 'platform', platformId: platform.id, slug: platform.slug, keyPrefix: row.prefix };
  }
  if (row.worker_id !== null) {
    const worker = store.workerById(row.worker_id)!;
    return { kind: 'worker', workerId: worker.id, name: worker.name, keyPrefix: row.prefix };
  }
  const regulator = store.regulatorById(row.regulator_id!)!;
  return {
    kind: 'regulator',
    regulatorId: regulator.id,
    name: regulator.name,
    role: regulator.role,
    keyPrefix: row.prefix,
  };
}
