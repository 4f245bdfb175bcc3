import fs from 'node:fs';

/** A file being written that did not exist before: finished (fsynced) or abandoned (removed). */
export interface NewFile {
  write(chunk: Uint8Array): Promise<void>;
  /** fsyncs and closes: the bytes are on disk when it resolves. */
  close(): Promise<void>;
  /** Closes (after any write under way) and removes the file. */
  abandon(): Promise<void>;
}

/**
 * Creates `file`, refusing one that exists (EEXIST): a data file is written once, and a file this
 * call did not create is never removed by it.
 */
export async function openNewFile(file: string): Promise<NewFile> {
  const handle = await fs.promises.open(file, 'wx', 0o644);
  let open = true;
  return {
    async write(chunk) {
      // A write may take fewer bytes than it was given: only a full write moves on.
      for (let at = 0; at < chunk.length;) at += (await handle.write(chunk, at)).bytesWritten;
    },
    async close() {
      await handle.sync();
      open = false;
      await handle.close();
    },
    async abandon() {
      if (open) {
        open = false;
        await handle.close().catch(() => {});
      }
      await fs.promises.rm(file, { force: true });
    },
  };
}
