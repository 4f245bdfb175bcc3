import fs from 'node:fs';

/**
 * Where the crawler finds Chromium. puppeteer never downloads a browser here (.puppeteerrc.cjs sets
 * skipDownload): marketgate uses Debian's package or the path in PUPPETEER_EXECUTABLE_PATH.
 */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export class BrowserNotFound extends Error {}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to launch: `configured` when given (it must exist), else the first system one found. */
export function findChromium(configured?: string): string {
  if (configured) {
    if (executable(configured)) return configured;
    throw new BrowserNotFound(
      `PUPPETEER_EXECUTABLE_PATH is ${configured}, which is not an executable file. Point it at Chromium, or unset it to use /usr/bin/chromium.`,
    );
  }
  const found = CHROMIUM_CANDIDATES.find(executable);
  if (found) return found;
  throw new BrowserNotFound(
    "No Chromium found. Install Debian's package (sudo apt-get install -y chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary. puppeteer is set never to download one.",
  );
}
