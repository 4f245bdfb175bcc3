import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A stored piece of evidence, named by the SHA-256 of its bytes. */
export interface EvidenceRef {
  sha256: string;
  size: number;
  media_type: string;
}

/** Where the crawler keeps what it saw. Content-addressed: the same bytes are stored once. */
export interface EvidenceStore {
  put(bytes: Buffer, mediaType: string): Promise<EvidenceRef>;
  /** The bytes of a stored piece, or undefined when it is not there. */
  get(sha256: string): Promise<Buffer | undefined>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Evidence as files under `dir`, `ab/abcdef…` by hash. A file is written to a temporary name, flushed
 * and renamed, so a reader never sees half of one; an existing file is never rewritten.
 */
export class DirectoryEvidenceStore implements EvidenceStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new RangeError('not a SHA-256 hex digest');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Buffer, mediaType: string): Promise<EvidenceRef> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const handle = await fs.promises.open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temporary, file);
    }
    return { sha256, size: bytes.length, media_type: mediaType };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    try {
      return await fs.promises.readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
