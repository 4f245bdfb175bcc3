/**
 * Answer files on disk, content-addressed as complaint files and evidence are (`<dir>/ab/abcdef…` by
 * SHA-256, the same bytes kept once), under <data>/assistance-files. An upload streams to a temporary
 * file beside them, hashed and checked as it arrives; only a complete, checked, flushed file is renamed
 * into place. A body cut off, too large or not what it claims is deleted: nothing of it is kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../errors.ts';
import type { ContentCheck } from './content.ts';

const SHA256 = /^[0-9a-f]{64}$/;

export interface StoredFile {
  sha256: string;
  bytes: number;
}

export class AnswerFiles {
  constructor(readonly dir: string) {}

  static of(dataDir: string): AnswerFiles {
    return new AnswerFiles(path.join(dataDir, 'assistance-files'));
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new RangeError('not a SHA-256 hex digest');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** The folder of uploads still arriving: whatever is left in it after a crash is garbage. */
  get incoming(): string {
    return path.join(this.dir, 'incoming');
  }

  /**
   * Streams `chunks` to disk through `check` and keeps the file under its hash. Throws (keeping
   * nothing) when the chunks fail (cut off, too large), the check refuses, or there is no byte at all.
   */
  async receive(chunks: AsyncIterable<Uint8Array>, check: ContentCheck): Promise<StoredFile> {
    await fs.promises.mkdir(this.incoming, { recursive: true, mode: 0o700 });
    const temporary = path.join(this.incoming, `${process.pid}.${randomBytes(8).toString('hex')}.part`);
    const handle = await fs.promises.open(temporary, 'wx', 0o600);
    const hash = createHash('sha256');
    let bytes = 0;
    let kept = false;
    try {
      try {
        for await (const chunk of chunks) {
          check.write(chunk);
          hash.update(chunk);
          bytes += chunk.byteLength;
          await handle.write(chunk);
        }
        if (bytes === 0) throw new DomainError('invalid_body', 'the body is empty: send the answer file');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await check.end(temporary, bytes);
      const sha256 = hash.digest('hex');
      const file = this.pathOf(sha256);
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // An existing file holds these very bytes (named by their hash): it is never rewritten.
      if (fs.existsSync(file)) await fs.promises.unlink(temporary);
      else await fs.promises.rename(temporary, file);
      kept = true;
      return { sha256, bytes };
    } finally {
      if (!kept) await fs.promises.rm(temporary, { force: true });
    }
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  open(sha256: string): Readable {
    return fs.createReadStream(this.pathOf(sha256));
  }
}
