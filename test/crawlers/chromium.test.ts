import { expect, test } from 'vitest';
import { BrowserNotFound, findChromium } from '../../crawlers/browser/chromium.ts';

test('a configured path that is not a browser is refused with how to fix it', () => {
  expect(() => findChromium('/nonexistent/chromium')).toThrow(BrowserNotFound);
  expect(() => findChromium('/nonexistent/chromium')).toThrow(/PUPPETEER_EXECUTABLE_PATH/);
  expect(() => findChromium('/etc')).toThrow(BrowserNotFound);
});

test("Debian's Chromium is found (the setup installs it)", () => {
  expect(findChromium()).toBe('/usr/bin/chromium');
  expect(findChromium('/usr/bin/chromium')).toBe('/usr/bin/chromium');
});
