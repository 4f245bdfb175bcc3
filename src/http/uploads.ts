import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../errors.ts';

/** A file as it was uploaded: its bytes and the name the uploader gave it (kept, never trusted). */
export interface Upload {
  bytes: Buffer;
  uploadedName: string;
}

/**
 * The body limit of a route that takes at most two files of `maxFileBytes` in one multipart request
 * (complaint files, lead files), with room for the multipart framing.
 */
export function uploadLimit(maxFileBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: 2 * maxFileBytes + 64 * 1024,
    onError: () => {
      throw new DomainError('payload_too_large', `send at most two files of ${maxFileBytes} bytes a request`);
    },
  });
}

/** The files of a multipart/form-data request's `file` field; anything else is a clear problem. */
export async function uploadedFiles(c: Context): Promise<Upload[]> {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? ''))
    throw new DomainError('unsupported_media_type', 'send the files as multipart/form-data, field "file"');
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new DomainError('invalid_body', 'the multipart body could not be read');
  }
  const files = [form.file ?? []].flat().filter((f): f is File => typeof f !== 'string');
  return Promise.all(
    files.map(async (f) => ({ bytes: Buffer.from(await f.arrayBuffer()), uploadedName: f.name })),
  );
}
