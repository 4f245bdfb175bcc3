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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker's side of the gateway's worker API (src/fleet/routes.ts): its policy, evidence by hash,
 * results by job. Failures of the network and 5xx/429 answers are tried again (4 tries, backing off);
 * a refused key is WorkerRefused.
 */
export class GatewayClient {
  private readonly base: string;

  constructor(
    base: string,
    private readonly token: string,
    private readonly options: { tries?: number; backoffMs?: number; timeoutMs?: number } = {},
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  async policy(): Promise<WorkerPolicy> {
    const response = await this.request('GET', '/v1/worker/config');
    if (response.status !== 200) throw await failure(response, 'reading the crawl policy');
    return (await response.json()) as WorkerPolicy;
  }

  async hasEvidence(sha256: string): Promise<boolean> {
    const response = await this.request('HEAD', `/v1/worker/evidence/${sha256}`);
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await failure(response, 'asking for evidence');
  }

  async putEvidence(sha256: string, bytes: Buffer, mediaType: string): Promise<void> {
    const response = await this.request('PUT', `/v1/worker/evidence/${sha256}`, bytes, mediaType);
    if (response.status !== 201 && response.status !== 200) throw await failure(response, 'sending evidence');
    await response.body?.cancel();
  }

  async sendResult(jobId: string, verification: Verification): Promise<ResultOutcome> {
    const body = Buffer.from(JSON.stringify({ job_id: jobId, verification }));
    const response = await this.request('POST', '/v1/worker/verifications', body, 'application/json');
    if (response.status === 201 || response.status === 200) {
      const { verification_id } = (await response.json()) as { verification_id: string };
      return { kind: 'recorded', verification_id, first: response.status === 201 };
    }
    if (response.status === 409 || response.status === 404) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string };
      return { kind: 'dropped', why: problem.detail ?? `HTTP ${response.status}` };
    }
    throw await failure(response, `sending the result of job ${jobId}`);
  }

  private async request(method: string, path: string, body?: Buffer, type?: string): Promise<Response> {
    const tries = this.options.tries ?? 4;
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await fetch(this.base + path, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(type ? { 'content-type': type } : {}),
          },
          body: body ? new Uint8Array(body) : undefined,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        });
      } catch (e) {
        error = e;
      }
      if (response && (response.status === 401 || response.status === 403))
        throw new WorkerRefused(
          `the gateway refused this worker's key (HTTP ${response.status}): make one with marketgate worker add <name>`,
        );
      const again = !response || response.status >= 500 || response.status === 429;
      if (!again) return response!;
      if (attempt >= tries) {
        if (response) return response;
        const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        throw new GatewayError(
          `cannot reach the gateway at ${this.base} (${method} ${path}): ${cause}`,
          null,
        );
      }
      await response?.body?.cancel();
      await sleep((this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  }
}

async function failure(response: Response, doing: string): Promise<GatewayError> {
  const text = await response.text().catch(() => '');
  let detail = text.slice(0, 500);
  try {
    detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
  } catch {
    // not JSON: the text as it came
  }
  return new GatewayError(`${doing}: HTTP ${response.status} ${detail}`, response.status);
}

/**
 * Evidence kept by sending it to the gateway as the crawler makes it: by hash, skipped when the gateway
 * holds it already (a page seen before, a screenshot of an unchanged store).
 */
export class GatewayEvidenceStore implements EvidenceStore {
  /** Files sent and files the gateway already had. */
  readonly counts = { sent: 0, held: 0 };

  constructor(private readonly client: GatewayClient) {}

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
