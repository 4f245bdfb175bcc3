import { createHash } from 'node:crypto';
import type { EvidenceRef, EvidenceStore } from '../evidence.ts';
import type { IssuerEntry } from '../marks/types.ts';
import type { Verification } from '../verify/verification.ts';

/** The crawl policy a gateway gives its fleet (GET /v1/worker/config). */
export interface WorkerPolicy {
  worker: { name: string };
  redis_prefix: string;
  crawl: {
    spacing_ms: number;
    concurrency: number;
    timeout_ms: number;
    allow_private_addresses: boolean;
    lease_ms: number;
  };
  issuers: IssuerEntry[];
}

/** What became of a result sent to the gateway. */
export type ResultOutcome =
  | { kind: 'recorded'; verification_id: string; first: boolean }
  /** The crawl was cancelled, or the job is unknown to the gateway: drop it. */
  | { kind: 'dropped'; why: string };

/** The gateway refused the worker's key: nothing the worker does will be taken. */
export class WorkerRefused extends Error {}

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * A worker's side of the gateway's worker API (src/fleet/routes.ts): its policy, evidence by hash,
 * results by job. The gateway's typed client implements it (src/fleet/worker-client.ts), and the worker
 * is given one: the crawler library never imports the gateway. Failures of the network and 5xx/429
 * answers are tried again there; a refused key is WorkerRefused, another refusal a GatewayError.
 */
export interface WorkerGateway {
  policy(): Promise<WorkerPolicy>;
  hasEvidence(sha256: string): Promise<boolean>;
  putEvidence(sha256: string, bytes: Buffer, mediaType: string): Promise<void>;
  sendResult(jobId: string, verification: Verification): Promise<ResultOutcome>;
}

/**
 * Evidence kept by sending it to the gateway as the crawler makes it: by hash, skipped when the gateway
 * holds it already (a page seen before, a screenshot of an unchanged store).
 */
export class GatewayEvidenceStore implements EvidenceStore {
  /** Files sent and files the gateway already had. */
  readonly counts = { sent: 0, held: 0 };

  constructor(private readonly client: WorkerGateway) {}

  async put(bytes: Buffer, mediaType: string): Promise<EvidenceRef> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (await this.client.hasEvidence(sha256)) this.counts.held += 1;
    else {
      await this.client.putEvidence(sha256, bytes, mediaType);
      this.counts.sent += 1;
    }
    return { sha256, size: bytes.length, media_type: mediaType };
  }

  /** A worker keeps nothing itself. */
  async get(): Promise<Buffer | undefined> {
    return undefined;
  }
}
