import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAuditCheckpoint, signedAuditHead } from '../../src/audit/checkpoint.ts';
import { auditLog, entryHash, GENESIS_HASH } from '../../src/audit/log.ts';
import { openDatabase } from '../../src/db/database.ts';
import { openKeyring } from '../../src/keys/keyring.ts';
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

  it('a signed checkpoint shows entries cut off at the end, which the chain alone cannot', async () => {
    const { dir, db, log } = freshLog();
    fill(log, 5);
    const keys = openKeyring(dir);
    const checkpoint = signedAuditHead(log, keys, new Date('2026-02-01T00:00:00Z'));
    expect(checkpoint.payload).toMatchObject({ kind: 'marketgate.audit_head', seq: 5, key_id: keys.keyId });
    expect(checkAuditCheckpoint(log, checkpoint, keys.publicKeyPem)).toEqual({
      ok: true,
      seq: 5,
      at: '2026-02-01T00:00:00.000Z',
    });
    // Anything changed in the checkpoint breaks its signature; another key did not sign it.
    const moved = { ...checkpoint, payload: { ...checkpoint.payload, seq: 3 } };
    expect(checkAuditCheckpoint(log, moved, keys.publicKeyPem)).toMatchObject({
      ok: false,
      why: /not signed/,
    });
    const other = openKeyring(tempDir('mg-audit-other-'));
    expect(checkAuditCheckpoint(log, checkpoint, other.publicKeyPem)).toMatchObject({ ok: false });
    for (const junk of [
      null,
      42,
      {},
      { payload: { kind: 'x' }, signature: 'y' },
      { ...checkpoint, signature: 7 },
    ])
      expect(checkAuditCheckpoint(log, junk, keys.publicKeyPem)).toMatchObject({
        ok: false,
        why: /not an audit checkpoint/,
      });
    fill(log, 2); // the log goes on: the checkpoint still holds
    expect(checkAuditCheckpoint(log, checkpoint, keys.publicKeyPem).ok).toBe(true);
    db.close();
    const file = `${dir}/checkpoint.json`;
    fs.writeFileSync(file, JSON.stringify(checkpoint));

    const held = await runCli(['audit', 'verify', '--checkpoint', file, '--data', dir]);
    expect(held.code, held.stderr).toBe(0);
    expect(held.stdout).toMatch(
      /checkpoint of 2026-02-01T00:00:00.000Z: entry 5 is in the log with its hash/,
    );

    // The last three entries cut off: the chain of 4 is intact, the checkpoint is not.
    tamper(dir, ['DELETE FROM audit_log WHERE seq > 4']);
    expect(auditLog(openDatabase(dir)).verify()).toMatchObject({ ok: true, entries: 4 });
    const cut = await runCli(['audit', 'verify', '--checkpoint', file, '--data', dir]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/audit log intact: 4 entries/);
    expect(cut.stderr).toMatch(
      /the log ends at entry 4, but on 2026-02-01T00:00:00.000Z it reached entry 5: entries were cut off/,
    );

    // Cut off and rebuilt to the same length with other entries: the hash of entry 5 differs.
    const rebuilt = auditLog(openDatabase(dir));
    rebuilt.append({ actor: 'regulator:9', action: 'nothing', target_type: 'x', target_id: 'y' });
    const swapped = await runCli(['audit', 'verify', '--checkpoint', file, '--json', '--data', dir]);
    expect(swapped.code).toBe(1);
    expect(JSON.parse(swapped.stdout)).toMatchObject({
      ok: true,
      entries: 5,
      checkpoint: { ok: false, seq: 5, why: /entry 5 is not the one the checkpoint/ },
    });

    // A file that is not a checkpoint is refused with the reason.
    fs.writeFileSync(file, '{"payload":');
    const bad = await runCli(['audit', 'verify', '--checkpoint', file, '--data', dir]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/checkpoint.*not JSON/);
  });

  it('`marketgate audit head` prints a checkpoint that verify accepts', async () => {
    const { dir, db, log } = freshLog();
    fill(log, 2);
    db.close();
    const head = await runCli(['audit', 'head', '--data', dir]);
    expect(head.code, head.stderr).toBe(0);
    const checkpoint = JSON.parse(head.stdout);
    expect(checkpoint.payload).toMatchObject({ kind: 'marketgate.audit_head', seq: 2 });
    const file = `${dir}/head.json`;
    fs.writeFileSync(file, head.stdout);
    const ok = await runCli(['audit', 'verify', '--checkpoint', file, '--data', dir]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
