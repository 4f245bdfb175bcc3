import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

/** The marketgate command run in this process (`main`), with what it prints and its exit code. */
export async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    }),
    // Commander writes its usage errors here.
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    }),
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      stdout += `${a.join(' ')}\n`;
    }),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
      stderr += `${a.join(' ')}\n`;
    }),
  ];
  try {
    const code = await main(['node', 'marketgate', ...args]);
    return { code, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** Permission bits, octal: '600'. */
export const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small PNG by its first bytes, as complaint files are recognised. */
export const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  Buffer.alloc(64, 7),
]);

/** One request to a gateway over HTTP; the body read as text and, when it is JSON, parsed. */
export async function request(
  base: string,
  method: string,
  url: string,
  init: {
    auth?: string;
    json?: unknown;
    body?: BodyInit;
    type?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth) headers.authorization = `Bearer ${init.auth}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.type) headers['content-type'] = init.type;
  const res = await fetch(`${base}${url}`, {
    method,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    duplex: 'half',
  } as RequestInit);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, text, json };
}
