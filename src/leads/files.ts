/**
 * Files a platform attaches to its lead: images or PDF, typed by their content as complaint files are
 * (complaints/files.ts: the same signatures, the same 5 MB cap, the same names from hash and type). They
 * are kept content-addressed under <data>/lead-files, apart from consumers' complaint files.
 */
import path from 'node:path';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { checkUploads, storedFileName } from '../complaints/files.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import type { LeadPlatform } from './service.ts';
import { leadFor } from './workflow.ts';
import { leadsStore } from './store.ts';
import { MAX_LEAD_FILES } from './terms.ts';

export { MAX_FILE_BYTES } from '../complaints/files.ts';

type FilesGateway = Pick<Gateway, 'db' | 'config' | 'audit'>;

/** A file as uploaded: its bytes, and the name the uploader gave it (echoed in a refusal only). */
export interface LeadUpload {
  bytes: Buffer;
  uploadedName: string;
}

export interface AddedLeadFile {
  sha256: string;
  media_type: string;
  size: number;
  name: string;
}

const stores = new Map<string, DirectoryEvidenceStore>();

/** The content-addressed folder of lead files of a gateway's data folder. */
export function leadFileStore(gw: Pick<Gateway, 'config'>): DirectoryEvidenceStore {
  const dir = path.join(gw.config.dataDir, 'lead-files');
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new DirectoryEvidenceStore(dir)));
  return store;
}

function checkRoom(gw: FilesGateway, leadId: string, adding: number): void {
  const held = leadsStore(gw.db).fileCount(leadId);
  if (held + adding > MAX_LEAD_FILES)
    throw new DomainError('conflict', `a lead holds at most ${MAX_LEAD_FILES} files; it has ${held}`, {
      limit: 'files_per_lead',
      max: MAX_LEAD_FILES,
    });
}

/**
 * Adds files to an open lead: every file is checked (size, type by content, the lead's room) before any is
 * kept, so a bad one refuses the request and keeps nothing. The bytes go to the content-addressed folder
 * first (fsynced, renamed into place); the rows, the event and the audit entry in one transaction that
 * checks the lead's status and room again (bytes of a refused request may stay behind, unreferenced).
 */
export async function addLeadFiles(
  gw: FilesGateway,
  platform: LeadPlatform,
  leadId: string,
  uploads: LeadUpload[],
  now = new Date(),
): Promise<AddedLeadFile[]> {
  const before = leadFor(gw, leadId, 'add_files');
  // Another platform's lead does not exist for this one.
  if (before.platform_id !== platform.id) throw notFound('lead');
  if (uploads.length === 0) throw new DomainError('invalid_body', 'no file in the form field "file"');
  checkRoom(gw, before.id, uploads.length);
  const checked = checkUploads(uploads);
  const stored: AddedLeadFile[] = [];
  for (const f of checked) {
    const ref = await leadFileStore(gw).put(f.bytes, f.type);
    if (stored.some((s) => s.sha256 === ref.sha256)) continue;
    stored.push({
      sha256: ref.sha256,
      media_type: f.type,
      size: ref.size,
      name: storedFileName(ref.sha256, f.type),
    });
  }
  const store = leadsStore(gw.db);
  const at = now.toISOString();
  const actor = `platform:${platform.slug}`;
  gw.db
    .transaction(() => {
      const row = leadFor(gw, leadId, 'add_files');
      checkRoom(gw, row.id, stored.length);
      const added = stored.filter((f) => store.insertFile({ lead_id: row.id, ...f, added_at: at }));
      if (added.length === 0) return;
      store.touch(row.id, at);
      const detail = { files: added.map((f) => f.name) };
      store.appendEvent({
        lead_id: row.id,
        action: 'add_files',
        actor,
        at,
        from_status: row.status,
        to_status: row.status,
        note: null,
        detail: JSON.stringify(detail),
      });
      gw.audit.append(
        { actor, action: 'lead.add_files', target_type: 'lead', target_id: row.id, detail },
        now,
      );
    })
    .immediate();
  return stored;
}
