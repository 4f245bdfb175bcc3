import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OcrError, OcrPool, readImageHeader, readLicenceImage } from '../../crawlers/ocr/index.ts';
import { FIXTURES, tesseractMissing } from './helpers.ts';

const png = readFileSync(path.join(FIXTURES, 'qingshan-clean.png'));
const jpeg = readFileSync(path.join(FIXTURES, 'qingshan-noisy.jpg'));

async function refusal(bytes: Buffer, options = {}): Promise<string> {
  try {
    // A command that does not exist: a refusal must come before tesseract is ever started.
    await readLicenceImage(bytes, { command: '/nonexistent/tesseract', ...options });
  } catch (error) {
    if (error instanceof OcrError) return error.code;
    throw error;
  }
  return 'read';
}

/** A whole PNG (signature, IHDR, IEND) declaring the given size, with no pixel data at all. */
function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  return Buffer.concat([png.subarray(0, 8), ihdr, png.subarray(png.length - 12)]);
}

describe('readImageHeader', () => {
  it('reads the dimensions of the PNG and JPEG fixtures from their headers', () => {
    expect(readImageHeader(png)).toEqual({ format: 'png', width: 960, height: 540 });
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', width: 960, height: 540 });
  });
});

describe('readLicenceImage refuses before running tesseract', () => {
  it('a picture over the byte cap', async () => {
    expect(await refusal(png, { maxBytes: png.length - 1 })).toBe('too_many_bytes');
  });

  it('a picture whose header declares too many pixels or too long a side', async () => {
    expect(await refusal(pngDeclaring(50_000, 50_000))).toBe('too_many_pixels');
    expect(await refusal(pngDeclaring(12_000, 10))).toBe('too_many_pixels');
    expect(await refusal(png, { maxPixels: 960 * 540 - 1 })).toBe('too_many_pixels');
  });

  it('what is not a PNG or JPEG', async () => {
    expect(await refusal(Buffer.from('<html>营业执照</html>'))).toBe('not_an_image');
    expect(await refusal(Buffer.alloc(0))).toBe('not_an_image');
    expect(await refusal(Buffer.from('GIF89a....'))).toBe('not_an_image');
  });

  it('a PNG or a JPEG cut short', async () => {
    expect(await refusal(png.subarray(0, Math.floor(png.length / 2)))).toBe('truncated');
    expect(await refusal(png.subarray(0, 20))).toBe('truncated');
    expect(await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe('truncated');
    expect(await refusal(jpeg.subarray(0, 4))).toBe('truncated');
  });

  it('says tesseract is missing when the binary is not there', async () => {
    expect(await refusal(png)).toBe('tesseract_missing');
  });
});

describe.skipIf(tesseractMissing)('the tesseract process', () => {
  it('fails cleanly on a picture whose header passes but whose data does not decode', async () => {
    const error = await readLicenceImage(pngDeclaring(100, 100)).catch((e: unknown) => e);
    expect((error as OcrError).code).toBe('engine_failed');
  });

  it('is killed at the timeout', async () => {
    const started = performance.now();
    const error = await readLicenceImage(png, { timeoutMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrError);
    expect((error as OcrError).code).toBe('timeout');
    // Killed, not waited for: a reading of this picture takes about a second.
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('OcrPool', () => {
  it('runs at most `concurrency` tasks at once and refuses past the queue', async () => {
    const pool = new OcrPool(2, 3);
    let running = 0;
    let most = 0;
    const task = () =>
      pool.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return 'done';
      });
    const accepted = [task(), task(), task(), task(), task()];
    const refused = await task().catch((e: unknown) => (e as OcrError).code);
    expect(refused).toBe('queue_full');
    expect(await Promise.all(accepted)).toEqual(Array(5).fill('done'));
    expect(most).toBe(2);
    expect(pool.peak).toBe(2);
    expect(pool.running).toBe(0);
  });

  it('keeps the limit when a newcomer arrives as a task ends', async () => {
    const pool = new OcrPool(1);
    let running = 0;
    let most = 0;
    const task = () =>
      pool.run(async () => {
        running++;
        most = Math.max(most, running);
        await Promise.resolve();
        running--;
      });
    const first = task();
    const second = task();
    await first;
    await Promise.all([task(), second]);
    expect(most).toBe(1);
  });

  it('frees its slot when a task throws', async () => {
    const pool = new OcrPool(1);
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run(async () => 'after')).toBe('after');
  });
});

describe.skipIf(tesseractMissing)('the time budget', () => {
  it("counts tesseract's time, not the wait in a busy pool: a queued reading still gets its second pass", async () => {
    const pool = new OcrPool(1);
    // The pool's one process is busy for longer than the reading's whole budget.
    const busy = pool.run(() => new Promise<void>((resolve) => setTimeout(resolve, 6_000)));
    const picture = readFileSync(path.join(FIXTURES, 'beichen-noisy.jpg')); // no valid code on pass 1
    const reading = await readLicenceImage(picture, { pool, timeoutMs: 5_000 });
    await busy;
    expect(reading.secondPass).not.toBeNull();
    expect(reading.ms).toBeLessThan(5_000);
  }, 30_000);
});
