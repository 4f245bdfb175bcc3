import { parentPort } from 'node:worker_threads';
import { decodeHtml } from './decode.ts';
import { extractFindings } from './index.ts';

/** Decodes and extracts one page per message; see pool.ts. */
parentPort!.on(
  'message',
  (message: { id: number; body: Uint8Array; contentType?: string; pageUrl: string }) => {
    try {
      const body = Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength);
      const findings = extractFindings(decodeHtml(body, message.contentType).html, message.pageUrl);
      parentPort!.postMessage({ id: message.id, findings });
    } catch (error) {
      parentPort!.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  },
);
