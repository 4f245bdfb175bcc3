import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { checkUploads, storedFileName } from './files.ts';
import { checkFileAllowance } from './limits.ts';
import type { ComplaintRow } from './store.ts';

type FilesGateway = Pick<Gateway, 'db' | 'config' | 'complaints' | 'complaintFiles'>;

/** A file as uploaded: its bytes, and the name the uploader gave it (for refusals only). */
export interface Upload {
  bytes: Buffer;
  uploadedName: string;
}

export interface AddedFile {
  sha256: string;
  media_type: string;
  size: number;
  name: string;
}

/**
 * The checks of addComplaintFiles that need no complaint, for files sent with a complaint not lodged yet
 * (the lodging form): size, type and the allowance of a complaint that holds none. The form asks first
 * and lodges only when they pass, so a refused file refuses the lodging and nothing is lodged.
 */
export function checkFilesForLodging(
  gw: Pick<FilesGateway, 'config' | 'complaints'>,
  uploads: Upload[],
  now = new Date(),
): void {
  // No complaint has the id '': the allowance is counted from nothing, as a new complaint's is.
  checkFileAllowance(gw, '', uploads.length, now);
  checkUploads(uploads);
}

/**
 * Adds a consumer's evidence files to a complaint: every file is checked (size, type by content, the
 * complaint's allowance) before any is kept, so a bad one refuses the request and keeps nothing. The
 * bytes go to the content-addressed store first; the rows, checked against the allowance again, in one
 * transaction (bytes of a refused file may stay behind in the store, named by their hash, unreferenced).
 */
export async function addComplaintFiles(
  gw: FilesGateway,
  row: ComplaintRow,
  uploads: Upload[],
  now = new Date(),
): Promise<AddedFile[]> {
  if (row.status === 'closed' || row.status === 'rejected')
    throw new DomainError('conflict', `the complaint is ${row.status}: no more files`);
  if (uploads.length === 0) throw new DomainError('invalid_body', 'no file in the form field "file"');
  checkFileAllowance(gw, row.id, uploads.length, now);
  const checked = checkUploads(uploads);
  const stored: AddedFile[] = [];
  for (const f of checked) {
    const ref = await gw.complaintFiles.put(f.bytes, f.type);
    stored.push({
      sha256: ref.sha256,
      media_type: f.type,
      size: ref.size,
      name: storedFileName(ref.sha256, f.type),
    });
  }
  gw.db
    .transaction(() => {
      checkFileAllowance(gw, row.id, stored.length, now);
      for (const f of stored)
        gw.complaints.insertFile({ complaint_id: row.id, ...f, added_at: now.toISOString() });
    })
    .immediate();
  return stored;
}
