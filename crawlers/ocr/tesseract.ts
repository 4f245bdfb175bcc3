import { execFile, spawn } from 'node:child_process';
import { OcrError } from './errors.ts';

export interface TesseractRun {
  /** The TSV tesseract wrote (one row per page, block, paragraph, line and word). */
  tsv: string;
  /** Wall time of the process, in milliseconds. */
  ms: number;
}

export interface TesseractOptions {
  /** Kill the process after this many milliseconds. */
  timeoutMs: number;
  /** tesseract's language(s). */
  lang: string;
  /** Page segmentation mode: 6 (one uniform block of text) reads the label / value rows of a licence best. */
  psm: number;
  /** The binary; `tesseract` on PATH by default. */
  command?: string;
}

/** Output past this is not a licence picture's text: the process is killed. */
const MAX_OUTPUT = 1 << 20;

/**
 * Runs tesseract on one picture: the bytes on stdin, the TSV on stdout, no shell and no temp files.
 * OMP_THREAD_LIMIT=1 keeps each process on one core, so the pool's size is the number of cores OCR
 * takes (tesseract's OpenMP threads otherwise take every core and make parallel runs slower).
 */
export function runTesseract(bytes: Buffer, options: TesseractOptions): Promise<TesseractRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      options.command ?? 'tesseract',
      ['stdin', 'stdout', '-l', options.lang, '--psm', String(options.psm), 'tsv'],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
    );
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: OcrError | null = null;
    const fail = (error: OcrError): void => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => fail(new OcrError('timeout', `tesseract ran past ${options.timeoutMs} ms and was killed`)),
      options.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_OUTPUT) fail(new OcrError('engine_failed', 'tesseract wrote more than 1 MB'));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 4096) err += chunk.toString('utf8');
    });
    // A process killed or gone before reading all of stdin gives EPIPE here: its exit says why.
    child.stdin.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new OcrError(
              'tesseract_missing',
              'tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)',
            )
          : new OcrError('engine_failed', `tesseract could not start: ${error.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const missingLang = /Failed loading language|Could not initialize tesseract/i.test(err);
        return reject(
          new OcrError(
            missingLang ? 'tesseract_missing' : 'engine_failed',
            missingLang
              ? `tesseract has no "${options.lang}" language data (apt-get install tesseract-ocr-chi-sim)`
              : `tesseract exited with ${code}: ${err.trim().slice(0, 300)}`,
          ),
        );
      }
      resolve({ tsv: Buffer.concat(out).toString('utf8'), ms: performance.now() - started });
    });
    child.stdin.end(bytes);
  });
}

let version: Promise<string | null> | undefined;

/** "tesseract 5.3.0", or null when tesseract is not installed. Asked once per process. */
export function tesseractVersion(command = 'tesseract'): Promise<string | null> {
  if (command !== 'tesseract') return askVersion(command);
  version ??= askVersion(command);
  return version;
}

function askVersion(command: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, ['--version'], { timeout: 5000 }, (error, stdout, stderr) => {
      if (error) return resolve(null);
      const first = `${stdout}${stderr}`.split('\n').find((line) => /tesseract\s+\d/i.test(line));
      resolve(first?.trim() ?? null);
    });
  });
}

/** The languages tesseract has data for, or [] when it is not installed. */
export function tesseractLanguages(command = 'tesseract'): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(command, ['--list-langs'], { timeout: 5000 }, (error, stdout) => {
      if (error) return resolve([]);
      resolve(
        stdout
          .split('\n')
          .slice(1)
          .map((line) => line.trim())
          .filter(Boolean),
      );
    });
  });
}
