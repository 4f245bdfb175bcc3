/**
 * What a crawl worker of the fleet sends (issue 20), taken in by the gateway: evidence files by their
 * hash, and each store's verification, recorded once by its job id with every consequence a visit has
 * in-process (recordVerification). Workers never touch the database; these verbs are their only way in.
 */
import { createHash } from 'node:crypto';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { tellListeners } from '../verification/crawl-runner.ts';
import { recordVerification } from '../verification/service.ts';
import { JOB_ID, SHA256_HEX } from './schemas.ts';

/** The largest evidence file a worker may send: a page (5 MiB by default), a screenshot, a picture. */
export const WORKER_EVIDENCE_MAX_BYTES = 32 * 1024 * 1024;

type FleetGateway = Parameters<typeof recordVerification>[0] &
  Pick<Gateway, 'evidence' | 'crawls' | 'logger'>;

/** Whether the gateway holds the evidence file of this hash (a worker then skips sending it). */
export async function hasEvidence(gw: Pick<Gateway, 'evidence'>, sha256: string): Promise<boolean> {
  if (!SHA256_HEX.test(sha256))
    throw new DomainError('invalid_parameter', 'sha256 is 64 lowercase hex digits');
  return (await gw.evidence.get(sha256)) !== undefined;
}

/**
 * Keeps an evidence file a worker sent, under the hash it named; refused when the bytes are not that
 * hash's. Returns whether it was new.
 */
export async function putEvidence(
  gw: Pick<Gateway, 'evidence'>,
  sha256: string,
  bytes: Buffer,
  mediaType: string,
): Promise<{ created: boolean }> {
  if (await hasEvidence(gw, sha256)) return { created: false };
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256)
    throw new DomainError(
      'invalid_body',
      `the body's SHA-256 is ${actual}, not the ${sha256} it was sent as`,
    );
  await gw.evidence.put(bytes, mediaType);
  return { created: true };
}

/**
 * Records a worker's verification of one store of a crawl, once: a job sent again (a retry, or a job
 * visited twice after its worker's lease ran out) gets the verification recorded first. Every evidence
 * file it names must have been sent before (`missing` lists those that were not). The crawl ends when
 * its last store is recorded.
 */
export async function recordWorkerResult(
  gw: FleetGateway,
  input: { job_id: string; verification: Verification; worker: string },
  now = new Date(),
): Promise<{ verification_id: string; recorded: boolean }> {
  const [, crawlId, ord] = JOB_ID.exec(input.job_id) ?? [];
  if (!crawlId || !ord)
    throw new DomainError('invalid_parameter', 'job_id is <crawl id>:<place in the crawl>');
  const store = gw.verifications.crawlStore(crawlId, Number(ord));
  if (!store) throw notFound('job');
  if (store.verification_id) return { verification_id: store.verification_id, recorded: false };
  if (gw.verifications.isCancelled(crawlId))
    throw new DomainError('conflict', 'the crawl was cancelled: its stores not yet recorded are not visited');
  const missing: string[] = [];
  for (const ref of Object.values(input.verification.evidence))
    if (ref && (await gw.evidence.get(ref.sha256)) === undefined) missing.push(ref.sha256);
  if (missing.length)
    throw new DomainError(
      'invalid_body',
      'send the evidence files first (PUT /v1/worker/evidence/{sha256})',
      {
        missing,
      },
    );
  const verification: Verification = { ...input.verification, worker: { name: input.worker } };
  // better-sqlite3 transactions are synchronous: nothing else runs between the check and the write.
  const result = gw.db.transaction(() => {
    const again = gw.verifications.crawlStore(crawlId, Number(ord))!;
    if (again.verification_id) return { verification_id: again.verification_id, recorded: false };
    // As in-process: the visit is in the verifications table, and the audit log gets what it changed.
    const recorded = recordVerification(gw, crawlId, store, verification, now);
    if (gw.verifications.unvisitedCount(crawlId) === 0) gw.verifications.finishCrawl(crawlId, 'done');
    return { verification_id: recorded.verification_id, recorded: true };
  })();
  // Told after the commit, as the in-process runner does (progress printers, tests).
  if (result.recorded)
    tellListeners(gw.logger, () =>
      gw.crawls.emit('verified', crawlId, store, verification, result.verification_id),
    );
  return result;
}
