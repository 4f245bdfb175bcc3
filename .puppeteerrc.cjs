// puppeteer must never download a browser: marketgate uses Debian's Chromium
// (/usr/bin/chromium) or PUPPETEER_EXECUTABLE_PATH. See crawlers/browser/chromium.ts.
module.exports = { skipDownload: true };
