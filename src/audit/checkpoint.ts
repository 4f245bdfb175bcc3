/**
 * Signed checkpoints of the audit log's head. The chain shows any entry changed, removed or reordered,
 * but not entries cut off at its end: the shorter chain is intact. A checkpoint, signed with the
 * gateway's Ed25519 key and kept somewhere the gateway cannot write (by whoever oversees it), records
 * that the log once reached entry `seq` with hash `hash`; `marketgate audit verify --checkpoint` then
 * shows a log that no longer reaches it, or reaches it with another hash.
 */
import { canonicalJson } from '../lib/canonical-json.ts';
import { verifySignature, type Keyring } from '../keys/keyring.ts';
import type { AuditLog } from './log.ts';

export interface AuditCheckpoint {
  payload: {
    kind: 'marketgate.audit_head';
    /** The last entry (0 and the genesis hash for an empty log). */
    seq: number;
    hash: string;
    at: string;
    key_id: string;
  };
  /** Ed25519 over the payload's canonical JSON, base64 (the key of GET /v1/receipt-key). */
  signature: string;
}

export type CheckpointCheck =
  { ok: true; seq: number; at: string } | { ok: false; why: string; seq?: number };

/** The head of the log now, signed. */
export function signedAuditHead(audit: AuditLog, keys: Keyring, now = new Date()): AuditCheckpoint {
  const head = audit.head();
  const payload: AuditCheckpoint['payload'] = {
    kind: 'marketgate.audit_head',
    seq: head.seq,
    hash: head.hash,
    at: now.toISOString(),
    key_id: keys.keyId,
  };
  return { payload, signature: keys.signBytes(Buffer.from(canonicalJson(payload), 'utf8')) };
}

/** Whether the log still holds the entry a checkpoint signed with `publicKeyPem` saw, with its hash. */
export function checkAuditCheckpoint(
  audit: AuditLog,
  checkpoint: unknown,
  publicKeyPem: string,
): CheckpointCheck {
  const c = checkpoint as Partial<AuditCheckpoint> | null;
  const p = c?.payload;
  if (
    !p ||
    typeof c?.signature !== 'string' ||
    p.kind !== 'marketgate.audit_head' ||
    !Number.isSafeInteger(p.seq) ||
    p.seq < 0 ||
    typeof p.hash !== 'string' ||
    typeof p.at !== 'string'
  ) {
    return {
      ok: false,
      why: 'not an audit checkpoint: expected {"payload":{"kind":"marketgate.audit_head",...},"signature"}',
    };
  }
  if (!verifySignature(publicKeyPem, Buffer.from(canonicalJson(p), 'utf8'), c.signature)) {
    return { ok: false, why: 'the checkpoint is not signed by this key' };
  }
  if (p.seq === 0) return { ok: true, seq: 0, at: p.at };
  const entry = audit.entry(p.seq);
  if (!entry) {
    const head = audit.head();
    return {
      ok: false,
      seq: p.seq,
      why: `the log ends at entry ${head.seq}, but on ${p.at} it reached entry ${p.seq}: entries were cut off`,
    };
  }
  if (entry.hash !== p.hash) {
    return { ok: false, seq: p.seq, why: `entry ${p.seq} is not the one the checkpoint of ${p.at} saw` };
  }
  return { ok: true, seq: p.seq, at: p.at };
}
