import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { CliError, EXIT, printJson } from './output.ts';
import type { BackupSummary } from '../backup/backup.ts';
import { BackupError, DATABASE_FILE, GATEWAY_VERSION, MANIFEST_FILE } from '../backup/manifest.ts';
import type { RestoreSummary } from '../backup/restore.ts';

/** A refusal of backup or restore is a failure of the command (exit 1), said in one line. */
async function orCliError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message, EXIT.failure);
    throw err;
  }
}

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The files besides the database: folders with how many files each, top-level files by name. */
function filesByFolder(paths: string[]): string {
  const counts = new Map<string, number>();
  for (const p of paths) {
    if (p === DATABASE_FILE) continue;
    const slash = p.indexOf('/');
    const top = slash < 0 ? p : `${p.slice(0, slash)}/`;
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  return [...counts].map(([top, n]) => (top.endsWith('/') ? `${top} ${n}` : top)).join(', ');
}

function printBackup(s: BackupSummary): void {
  const m = s.manifest;
  console.log(`backed up to ${s.target} (${MiB(s.bytes)}, ${m.files.length} files)`);
  console.log(`  database   ${m.database.path}  ${MiB(m.database.size)}  sha256 ${m.database.sha256}`);
  console.log(
    `  records    filings ${m.counts.filings}, seller versions ${m.counts.seller_versions}, transaction versions ${m.counts.transaction_versions}, verifications ${m.counts.verifications}, complaints ${m.counts.complaints}`,
  );
  if (m.counts.filings_in_progress > 0)
    console.log(
      `             ${m.counts.filings_in_progress} filing(s) were streaming in: not in the backup (the restored gateway discards what they staged)`,
    );
  console.log(
    `  audit log  ${m.counts.audit_entries} entries, head ${m.audit_head.seq} ${m.audit_head.hash}`,
  );
  console.log(`  files      ${filesByFolder(m.files.map((f) => f.path))}`);
  console.log(
    `  keys       receipt key ${m.receipt_key_id} (keep this backup owner-only: it holds the keys)`,
  );
  console.log(`  manifest   ${MANIFEST_FILE}, written last`);
  for (const p of s.skipped)
    console.log(`  skipped    ${p} (neither a file nor a folder, a broken link or a link back up the tree)`);
  for (const p of s.missing)
    console.log(`  MISSING    ${p}: referred to by the database, not in the data folder`);
}

function printRestore(s: RestoreSummary): void {
  const m = s.manifest;
  const d = s.database;
  console.log(`restored ${m.files.length} files (${MiB(s.bytes)}) into ${s.dataDir}`);
  console.log(`  backup     of ${m.created_at}, made by marketgate ${m.gateway_version}`);
  if (m.gateway_version !== GATEWAY_VERSION)
    console.log(
      `             this is marketgate ${GATEWAY_VERSION}: run the gateway of the backup's version or later`,
    );
  console.log(`  manifest   every file matched its sha256`);
  console.log(`  database   integrity_check ok, schema ${d.schemaVersion}`);
  console.log(
    `  receipts   ${d.filings - d.invalidReceiptCount} of ${d.filings} verify with receipt key ${s.receiptKeyId}`,
  );
  if (d.audit.ok) console.log(`  audit log  intact: ${d.audit.entries} entries`);
  else console.log(`  audit log  BROKEN at entry ${d.audit.broken_at}: ${d.audit.why}`);
  if (m.counts.filings_in_progress > 0)
    console.log(
      `  note       ${m.counts.filings_in_progress} filing(s) were streaming in at the backup: the gateway discards them at start; the platform files them again`,
    );
  console.log(`start it with: marketgate serve --data ${s.dataDir}`);
}

export function backupCommands(program: Command): void {
  program
    .command('backup <dir>')
    .description(
      'copy the data folder consistently into a new or empty folder while the gateway runs: the database (SQLite online backup), keys, evidence and complaint files, and a manifest of their hashes written last',
    )
    .option('--json', 'print the manifest (without its list of files) as JSON')
    .action(async (dir: string, o: { json?: boolean; data?: string }) => {
      const { dataDir } = loadConfig({ dataDir: o.data });
      const { backupDataFolder } = await import('../backup/backup.ts');
      const summary = await orCliError(() => backupDataFolder({ dataDir, target: dir }));
      if (o.json) {
        // The manifest without its list of files (in <dir>/manifest.json): one line per file is for tools.
        const { files, ...manifest } = summary.manifest;
        printJson({
          target: summary.target,
          files: files.length,
          bytes: summary.bytes,
          missing: summary.missing,
          ...manifest,
        });
      } else printBackup(summary);
      if (summary.missing.length > 0)
        throw new CliError(
          `the backup is complete, but ${summary.missing.length} file(s) the database refers to were not in ${dataDir}`,
          EXIT.failure,
        );
    });
  program
    .command('restore <dir>')
    .description(
      'check a backup against its manifest and restore it as a new data folder (missing or empty); then check the database, every receipt and the audit log',
    )
    .requiredOption('--data <dir>', 'the data folder to create (must be missing or empty)')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, o: { json?: boolean; data: string }) => {
      const { restoreBackup } = await import('../backup/restore.ts');
      const summary = await orCliError(() => restoreBackup({ backupDir: dir, dataDir: o.data }));
      const d = summary.database;
      if (o.json)
        printJson({
          data_dir: summary.dataDir,
          backup_created_at: summary.manifest.created_at,
          gateway_version: summary.manifest.gateway_version,
          files: summary.files,
          bytes: summary.bytes,
          receipt_key_id: summary.receiptKeyId,
          database: { integrity: 'ok', schema_version: d.schemaVersion },
          receipts: { filings: d.filings, invalid: d.invalidReceiptCount, first_invalid: d.invalidReceipts },
          audit: d.audit,
        });
      else printRestore(summary);
      if (d.invalidReceiptCount > 0)
        throw new CliError(
          `restored, but ${d.invalidReceiptCount} receipt(s) do not verify with the restored key (${d.invalidReceipts.join(', ')})`,
        );
      if (!d.audit.ok)
        throw new CliError(
          `restored, but the audit log is broken at entry ${d.audit.broken_at}: ${d.audit.why}`,
        );
    });
}
