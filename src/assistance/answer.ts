import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { newId } from '../lib/ids.ts';
import { contentCheck } from './content.ts';
import { isLate } from './due.ts';
import { AnswerFiles } from './files.ts';
import { type AnswerReceipt, signAnswerReceipt } from './receipt.ts';
import { AUDIT_TARGET } from './service.ts';
import { assistanceOf, type RequestRow } from './store.ts';
import { type AnswerMediaType, MAX_PARTS } from './terms.ts';

type AnswerGateway = Pick<Gateway, 'db' | 'audit' | 'keys' | 'config'>;

export interface AnswerUpload {
  requestId: string;
  platform: { id: number; slug: string };
  mediaType: AnswerMediaType;
  /** The body as it arrives, already limited in size (src/filings/body.ts limitedBody). */
  chunks: AsyncIterable<Uint8Array>;
  /** Whether this part completes the request (the default): `false` keeps it open for more parts. */
  final: boolean;
  actor: string;
}

function answerable(row: RequestRow | undefined, platformId: number): RequestRow {
  // Another platform's request does not exist for this one.
  if (!row || row.platform_id !== platformId) throw notFound('assistance request');
  if (row.status !== 'open')
    throw new DomainError('conflict', `the request is ${row.status}: it takes no more answers`, {
      status: row.status,
    });
  return row;
}

/**
 * A platform answers a request with one file: streamed to disk and checked against its type, then, in
 * one transaction, the answer row, the request completed (unless `final` is false), the audit entries
 * and the signed receipt. The receipt is only given once that is committed. An answer after the due
 * date is taken and flagged late. Several parts may answer one request, the last with `final` true.
 *
 * A refused body keeps nothing; bytes taken for a request that another request cancelled or completed
 * meanwhile stay on disk under their hash, unreferenced (as complaint files do).
 */
export async function answerAssistanceRequest(
  gw: AnswerGateway,
  upload: AnswerUpload,
  clock: () => Date = () => new Date(),
): Promise<{ receipt: AnswerReceipt; request: RequestRow }> {
  const store = assistanceOf(gw.db);
  answerable(store.byId(upload.requestId), upload.platform.id);
  if (store.parts(upload.requestId) >= MAX_PARTS)
    throw new DomainError('conflict', `a request takes at most ${MAX_PARTS} answer files`, {
      limit: MAX_PARTS,
    });
  const stored = await AnswerFiles.of(gw.config.dataDir).receive(
    upload.chunks,
    contentCheck(upload.mediaType),
  );
  const now = clock();
  const at = now.toISOString();
  return gw.db
    .transaction(() => {
      const row = answerable(store.byId(upload.requestId), upload.platform.id);
      const part = store.parts(row.id) + 1;
      if (part > MAX_PARTS)
        throw new DomainError('conflict', `a request takes at most ${MAX_PARTS} answer files`, {
          limit: MAX_PARTS,
        });
      const late = isLate(now, row.due_date);
      const id = newId();
      const receipt = signAnswerReceipt(gw.keys, {
        request_id: row.id,
        answer_id: id,
        platform: upload.platform.slug,
        seller_id: row.seller_id,
        case_number: row.case_number,
        part,
        media_type: upload.mediaType,
        sha256: stored.sha256,
        bytes: stored.bytes,
        received_at: at,
        due_date: row.due_date,
        late,
        completes_request: upload.final,
      });
      store.insertAnswer({
        id,
        request_id: row.id,
        part,
        sha256: stored.sha256,
        bytes: stored.bytes,
        media_type: upload.mediaType,
        received_at: at,
        late: late ? 1 : 0,
        final: upload.final ? 1 : 0,
        received_by: upload.actor,
        receipt: JSON.stringify(receipt),
      });
      const detail = {
        answer_id: id,
        part,
        sha256: stored.sha256,
        bytes: stored.bytes,
        media_type: upload.mediaType,
        late,
      };
      gw.audit.append(
        {
          actor: upload.actor,
          action: 'assistance.answered',
          target_type: AUDIT_TARGET,
          target_id: row.id,
          detail,
        },
        now,
      );
      if (upload.final) {
        store.markAnswered(row.id, at, late);
        gw.audit.append(
          {
            actor: upload.actor,
            action: 'assistance.completed',
            target_type: AUDIT_TARGET,
            target_id: row.id,
            detail: { parts: part, late },
          },
          now,
        );
      }
      return { receipt, request: store.byId(row.id)! };
    })
    .immediate();
}
