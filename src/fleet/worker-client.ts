import {
  GatewayError,
  type ResultOutcome,
  type WorkerGateway,
  type WorkerPolicy,
  WorkerRefused,
} from '../../crawlers/fleet/gateway-client.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { marketgateClient, type Problem } from '../client/index.ts';

export interface WorkerClientOptions {
  /** Tries of a request the network failed or the gateway answered 5xx or 429. @default 4 */
  tries?: number;
  /** The wait after the first failed try, doubling after each. @default 500 */
  backoffMs?: number;
  /** The deadline of one try. @default 60000 */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The worker API through the gateway's typed client (`marketgate crawl-worker`, issue 22): what
 * crawlers/fleet/worker.ts is given. Every request is tried again when the network fails or the gateway
 * answers 5xx or 429 (4 tries, backing off); a refused key (401, 403) is WorkerRefused at once.
 */
export function workerGateway(base: string, token: string, options: WorkerClientOptions = {}): WorkerGateway {
  const tries = options.tries ?? 4;
  const retrying = async (request: Request): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await fetch(request.clone(), { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
      } catch (e) {
        error = e;
      }
      if (response && (response.status === 401 || response.status === 403))
        throw new WorkerRefused(
          `the gateway refused this worker's key (HTTP ${response.status}): make one with marketgate worker add <name>`,
        );
      if (response && response.status < 500 && response.status !== 429) return response;
      if (attempt >= tries) {
        if (response) return response;
        const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        throw new GatewayError(
          `cannot reach the gateway at ${base} (${request.method} ${new URL(request.url).pathname}): ${cause}`,
          null,
        );
      }
      await response?.body?.cancel();
      await sleep((options.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  };
  const client = marketgateClient({ baseUrl: base, key: token, fetch: retrying });
  return {
    async policy() {
      const { data, error, response } = await client.GET('/v1/worker/config');
      if (!data) throw failure(response, error, 'reading the crawl policy');
      // The document describes the issuers loosely (their fields are the crawler's: marks/types.ts).
      return data as unknown as WorkerPolicy;
    },
    async hasEvidence(sha256) {
      const { data, error, response } = await client.GET('/v1/worker/evidence/{sha256}', {
        params: { path: { sha256 } },
      });
      if (data) return true;
      if (response.status === 404) return false;
      throw failure(response, error, 'asking for evidence');
    },
    async putEvidence(sha256, bytes, mediaType) {
      const { response, error } = await client.PUT('/v1/worker/evidence/{sha256}', {
        params: { path: { sha256 } },
        // The file as it is: not a body for the client to serialise.
        body: new Uint8Array(bytes) as never,
        bodySerializer: (body: unknown) => body,
        headers: { 'content-type': mediaType },
      });
      if (response.status !== 201 && response.status !== 200)
        throw failure(response, error, 'sending evidence');
    },
    async sendResult(jobId: string, verification: Verification): Promise<ResultOutcome> {
      const { data, error, response } = await client.POST('/v1/worker/verifications', {
        body: { job_id: jobId, verification: verification as never },
      });
      if (data)
        return { kind: 'recorded', verification_id: data.verification_id, first: response.status === 201 };
      // The crawl was cancelled, or the job is unknown: the result is dropped, not sent again.
      if (response.status === 409 || response.status === 404)
        return { kind: 'dropped', why: (error as Problem | undefined)?.detail ?? `HTTP ${response.status}` };
      throw failure(response, error, `sending the result of job ${jobId}`);
    },
  };
}

/** What the gateway said, as the error of what the worker was doing. */
function failure(response: Response, error: unknown, doing: string): GatewayError {
  const detail =
    (error as Problem | undefined)?.detail ?? (typeof error === 'string' ? error.slice(0, 500) : '');
  return new GatewayError(`${doing}: HTTP ${response.status} ${detail}`.trim(), response.status);
}
