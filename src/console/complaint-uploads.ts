import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { type Upload, uploadedFiles } from '../http/uploads.ts';
import { MAX_FILE_BYTES } from '../complaints/files.ts';
import { refusal } from './i18n.ts';
import type { PageContext } from './layout.tsx';
import { fill } from './complaint-parts.tsx';
import { type FormFields, type FormResult, MAX_FORM_BYTES, readForm } from './security.ts';

/*
 * Evidence files sent with the complaint pages' forms (lodging, and adding files on the tracking page):
 * reading them, the size limit, and what a consumer is told of a refused file.
 */

/**
 * The most a page form with files may send: two files of the most a file may be, as the API takes in
 * one request (http/uploads.ts), and the form's text with room for the multipart framing.
 */
const FORM_WITH_FILES_BYTES = 2 * MAX_FILE_BYTES + 2 * MAX_FORM_BYTES;
const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;
/** The limits a consumer is told of: per file, and per form. */
export const SIZES = { each: megabytes(MAX_FILE_BYTES), all: megabytes(2 * MAX_FILE_BYTES) };
/** What the file picker offers first: a hint to the browser only; the type is read from the content. */
export const ACCEPTED_FILES =
  'image/jpeg,image/png,image/gif,image/webp,application/pdf,.jpg,.jpeg,.png,.gif,.webp,.pdf';

/** What the reader is told when a file is refused, in the reader's language (never the English detail). */
export function fileRefusal(gw: Gateway, p: PageContext, err: DomainError): string {
  const { filesPerComplaint, filesPerDay } = gw.config.complaints;
  switch (err.code) {
    case 'unsupported_file_type':
      return p.t('fileWrongType');
    case 'payload_too_large':
      return fill(p.t('fileTooLarge'), SIZES);
    case 'invalid_body':
      return p.t('fileMissing');
    case 'rate_limited':
      return fill(p.t('fileLimit'), { total: filesPerComplaint, day: filesPerDay });
    case 'conflict':
      return err.extra.limit
        ? fill(p.t('fileLimit'), { total: filesPerComplaint, day: filesPerDay })
        : p.t('fileClosed');
    default:
      return refusal(p.lang, err);
  }
}

/** A page form, with the files of its `file` field when it was sent as multipart/form-data. */
type PageForm = Extract<FormResult, { ok: false }> | { ok: true; fields: FormFields; uploads: Upload[] };

const isMultipart = (c: Context) => /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '');

/**
 * Reads a form as readForm does (application/x-www-form-urlencoded), or as multipart/form-data with files
 * through the API's upload reader. A file input left empty sends a part with no name and no bytes: not a
 * file. A field sent twice keeps its first value, as readForm does.
 */
export async function readPageForm(c: Context): Promise<PageForm> {
  if (!isMultipart(c)) {
    const form = await readForm(c);
    return form.ok ? { ...form, uploads: [] } : form;
  }
  let uploads: Upload[];
  let parsed: Record<string, string | File | (string | File)[]>;
  try {
    uploads = await uploadedFiles(c);
    // The body was parsed once, by uploadedFiles: Hono keeps it.
    parsed = await c.req.parseBody({ all: true });
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, status: 400, why: 'badForm' };
    throw err;
  }
  const fields: FormFields = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key.length > 64) return { ok: false, status: 400, why: 'badForm' };
    const first = [value].flat()[0];
    if (typeof first === 'string') fields[key] = first;
  }
  return { ok: true, fields, uploads: uploads.filter((u) => u.uploadedName !== '' || u.bytes.length > 0) };
}

/**
 * The size limit of a page form that may carry files; past it the form cannot be read, and `refuse`
 * answers (413). Forms without files keep readForm's own smaller limit.
 */
export function formWithFilesLimit(refuse: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: FORM_WITH_FILES_BYTES, onError: refuse });
  return async function formWithFilesLimitMiddleware(c, next) {
    if (!isMultipart(c)) return next();
    return limit(c, next);
  };
}
