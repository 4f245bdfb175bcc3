import type { Db } from '../db/database.ts';

export interface PlatformRow {
  id: number;
  slug: string;
  name: string;
  uscc: string;
  kind: 'platform' | 'department';
  created_at: string;
}

export interface RegulatorRow {
  id: number;
  name: string;
  role: 'regulator' | 'admin';
  password_hash: string;
  created_at: string;
}

export interface KeyRow {
  id: number;
  prefix: string;
  secret_hash: Buffer;
  platform_id: number | null;
  regulator_id: number | null;
  worker_id: number | null;
  created_at: string;
  revoked_at: string | null;
}

export interface WorkerRow {
  id: number;
  name: string;
  created_at: string;
}

/** SQL for platforms, regulators and API keys. */
export function accountsStore(db: Db) {
  const q = {
    platformBySlug: db.prepare<[string], PlatformRow>('SELECT * FROM platforms WHERE slug = ?'),
    platformById: db.prepare<[number], PlatformRow>('SELECT * FROM platforms WHERE id = ?'),
    listPlatforms: db.prepare<[], PlatformRow>(
      "SELECT * FROM platforms WHERE kind = 'platform' ORDER BY slug",
    ),
    listDepartments: db.prepare<[], PlatformRow>(
      "SELECT * FROM platforms WHERE kind = 'department' ORDER BY slug",
    ),
    insertPlatform: db.prepare(
      'INSERT INTO platforms (slug, name, uscc, kind, created_at) VALUES (@slug, @name, @uscc, @kind, @created_at)',
    ),
    regulatorByName: db.prepare<[string], RegulatorRow>('SELECT * FROM regulators WHERE name = ?'),
    regulatorById: db.prepare<[number], RegulatorRow>('SELECT * FROM regulators WHERE id = ?'),
    insertRegulator: db.prepare(
      'INSERT INTO regulators (name, role, password_hash, created_at) VALUES (@name, @role, @password_hash, @created_at)',
    ),
    keyByPrefix: db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE prefix = ?'),
    activePlatformKeys: db.prepare<[number], KeyRow>(
      'SELECT * FROM api_keys WHERE platform_id = ? AND revoked_at IS NULL ORDER BY id',
    ),
    activeRegulatorKeys: db.prepare<[number], KeyRow>(
      'SELECT * FROM api_keys WHERE regulator_id = ? AND revoked_at IS NULL ORDER BY id',
    ),
    activeWorkerKeys: db.prepare<[number], KeyRow>(
      'SELECT * FROM api_keys WHERE worker_id = ? AND revoked_at IS NULL ORDER BY id',
    ),
    insertKey: db.prepare(
      `INSERT INTO api_keys (prefix, secret_hash, platform_id, regulator_id, worker_id, created_at)
       VALUES (@prefix, @secret_hash, @platform_id, @regulator_id, @worker_id, @created_at)`,
    ),
    workerByName: db.prepare<[string], WorkerRow>('SELECT * FROM workers WHERE name = ?'),
    workerById: db.prepare<[number], WorkerRow>('SELECT * FROM workers WHERE id = ?'),
    listWorkers: db.prepare<[], WorkerRow>('SELECT * FROM workers ORDER BY name'),
    insertWorker: db.prepare('INSERT INTO workers (name, created_at) VALUES (@name, @created_at)'),
    revokeKey: db.prepare<[string, number]>(
      'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ),
  };
  return {
    platformBySlug: (slug: string) => q.platformBySlug.get(slug),
    platformById: (id: number) => q.platformById.get(id),
    /** The platforms, without departments. */
    listPlatforms: () => q.listPlatforms.all(),
    listDepartments: () => q.listDepartments.all(),
    insertPlatform: (row: Omit<PlatformRow, 'id' | 'kind'> & { kind?: PlatformRow['kind'] }) =>
      Number(q.insertPlatform.run({ kind: 'platform', ...row }).lastInsertRowid),
    regulatorByName: (name: string) => q.regulatorByName.get(name),
    regulatorById: (id: number) => q.regulatorById.get(id),
    insertRegulator: (row: Omit<RegulatorRow, 'id'>) => Number(q.insertRegulator.run(row).lastInsertRowid),
    keyByPrefix: (prefix: string) => q.keyByPrefix.get(prefix),
    activePlatformKeys: (platformId: number) => q.activePlatformKeys.all(platformId),
    activeRegulatorKeys: (regulatorId: number) => q.activeRegulatorKeys.all(regulatorId),
    activeWorkerKeys: (workerId: number) => q.activeWorkerKeys.all(workerId),
    insertKey: (row: Omit<KeyRow, 'id' | 'revoked_at' | 'worker_id'> & { worker_id?: number | null }) =>
      q.insertKey.run({ worker_id: null, ...row }),
    workerByName: (name: string) => q.workerByName.get(name),
    workerById: (id: number) => q.workerById.get(id),
    listWorkers: () => q.listWorkers.all(),
    insertWorker: (row: Omit<WorkerRow, 'id'>) => Number(q.insertWorker.run(row).lastInsertRowid),
    revokeKey: (id: number, at: string) => q.revokeKey.run(at, id).changes === 1,
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
  };
}

export type AccountsStore = ReturnType<typeof accountsStore>;
