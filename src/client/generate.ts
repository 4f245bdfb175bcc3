/**
 * npm run client:generate — writes src/client/openapi.ts, the TypeScript types of the gateway's API,
 * from the OpenAPI document the gateway serves (issue 22), with openapi-typescript. The typed client
 * (index.ts) reads them; test/client/client.test.ts fails when they are older than the document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openGateway } from '../gateway.ts';
import { createApp } from '../http/app.ts';

export const GENERATED = path.join(import.meta.dirname, 'openapi.ts');

const HEADER = `/**
 * The gateway's API as TypeScript types, generated from its OpenAPI document by openapi-typescript
 * (npm run client:generate). Do not edit: change the routes and generate again.
 */
/* eslint-disable */
`;

/** The OpenAPI document of a gateway of this version (one opened in a temporary folder, then closed). */
export async function currentDocument(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketgate-openapi-'));
  const gw = openGateway(
    loadConfig({ dataDir, checkWorkers: 0, logLevel: 'silent' }),
    pino({ level: 'silent' }),
  );
  try {
    const res = await createApp(gw).request('/openapi.json');
    return (await res.json()) as Record<string, unknown>;
  } finally {
    await gw.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The generated file's text for a document. */
export async function typesOf(document: Record<string, unknown>): Promise<string> {
  // defaultNonNullable off: a field with a default is one a client may leave out (publish_consent), as
  // the document's `required` lists say, not one it must send.
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    alphabetize: true,
    defaultNonNullable: false,
  });
  return HEADER + astToString(ast);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(GENERATED, await typesOf(await currentDocument()));
  console.log(`wrote ${path.relative(process.cwd(), GENERATED)}`);
}
