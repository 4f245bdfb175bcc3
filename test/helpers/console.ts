import { expect } from 'vitest';
import { signFormToken } from '../../src/console/security.ts';
import type { TestGateway } from './gateway.ts';

/** Signs the test gateway's regulator in to the console, in process; returns the session cookie. */
export async function consoleCookie(t: TestGateway): Promise<string> {
  const login = await t.app.request('/console/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _form: signFormToken(t.gw.keys, 'login'),
      name: t.regulator.name,
      password: t.regulator.password,
    }).toString(),
  });
  expect(login.status).toBe(303);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

/** A console page's HTML, as the signed-in regulator sees it in `lang`. */
export async function consolePage(t: TestGateway, cookie: string, path: string, lang: 'zh' | 'en' = 'en') {
  const res = await t.app.request(path, { headers: { cookie: `${cookie}; lang=${lang}` } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
