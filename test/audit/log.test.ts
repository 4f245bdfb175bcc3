import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, entryHash, GENESIS_HASH } from '../../src/audit/log.ts';
import { openDatabase } from '../../src/db/database.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/gateway.ts';

const dirs: string[] = [];
function freshLog() {
  const dir = tempDir('mg-audit-');
  dirs.push(dir);
  const db = openDatabase(dir);
  return { dir, db, log: auditLog(db) };
}

function fill(log: ReturnType<typeof auditLog>, n: number) {
  for (let i = 1; i <= n; i++)
    log.append(
      {
        actor: `regulator:${i % 3}`,
        action: 'penalty.record',
        target_type: 'penalty',
        target_id: `P${i}`,
        detail: { i },
      },
      new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    );
}

/** Opens the database behind the gateway's back, as an intruder with file access would. */
function tamper(dir: string, sql: string[]) {
  const raw = new Database(`${dir}/marketgate.db`);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  for (const statement of sql) raw.exec(statement);
  raw.close();
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the audit log', () => {
  it('chains every entry to the one before it', () => {
    const { log } = freshLog();
    const first = log.append({
      actor: 'regulator:1',
      action: 'list.enter',
      target_type: 'list_entry',
      target_id: 'E1',
    });
    const second = log.append({
      actor: 'regulator:2',
      action: 'list.remove',
      target_type: 'list_entry',
      target_id: 'E1',
      reason: 'repaired',
      detail: { b: 2, a: 1 },
    });
    expect(first.seq).toBe(1);
    expect(first.prev_hash).toBe(GENESIS_HASH);
    expect(second.seq).toBe(2);
    expect(second.prev_hash).toBe(first.hash);
    expect(second.detail).toBe('{"a":1,"b":2}');
    const { hash, prev_hash, ...fields } = second;
    expect(entryHash(prev_hash, fields)).toBe(hash);
    expect(entryHash(prev_hash, { ...fields, actor: 'regulator:3' })).not.toBe(hash);
    expect(log.verify()).toEqual({ ok: true, entries: 2, head: { seq: 2, hash: second.hash } });
    expect(log.ofTarget('list_entry', 'E1').map((e) => e.seq)).toEqual([2, 1]);
  });

  it('an empty log is intact', () => {
    expect(freshLog().log.verify()).toEqual({ ok: true, entries: 0, head: null });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    const { db, log } = freshLog();
    fill(log, 2);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('finds an edited entry, a deleted one and a rewritten tail', () => {
    const edited = freshLog();
    fill(edited.log, 5);
    edited.db.close();
    tamper(edited.dir, ["UPDATE audit_log SET reason = 'covered up' WHERE seq = 3"]);
    const reopened = auditLog(openDatabase(edited.dir));
    expect(reopened.verify()).toMatchObject({ ok: false, broken_at: 3, why: /does not match its hash/ });

    const deleted = freshLog();
    fill(deleted.log, 5);
    deleted.db.close();
    tamper(deleted.dir, ['DELETE FROM audit_log WHERE seq = 2']);
    expect(auditLog(openDatabase(deleted.dir)).verify()).toMatchObject({ ok: false, broken_at: 3 });

    // Re-hashing an edited entry does not help: the next entry's prev_hash still names the old hash.
    const rehashed = freshLog();
    fill(rehashed.log, 4);
    const two = rehashed.db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    const forged = { ...two, actor: 'regulator:99' } as Parameters<typeof entryHash>[1] & {
      prev_hash: string;
    };
    const forgedHash = entryHash(forged.prev_hash, forged);
    rehashed.db.close();
    tamper(rehashed.dir, [
      `UPDATE audit_log SET actor = 'regulator:99', hash = '${forgedHash}' WHERE seq = 2`,
    ]);
    expect(auditLog(openDatabase(rehashed.dir)).verify()).toMatchObject({
      ok: false,
      broken_at: 3,
      why: /prev_hash/,
    });
  });

  it('`marketgate audit verify` exits 0 on an intact log and 1 on a broken one, naming the entry', async () => {
    const { dir, db, log } = freshLog();
    fill(log, 3);
    db.close();
    const ok = await runCli(['audit', 'verify', '--data', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: 3 entries, head 3 [0-9a-f]{64}/);
    tamper(dir, ["UPDATE audit_log SET action = 'nothing' WHERE seq = 2"]);
    const broken = await runCli(['audit', 'verify', '--data', dir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/audit log broken at entry 2/);
  });
});
