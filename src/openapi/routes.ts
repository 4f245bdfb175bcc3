import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../errors.ts';

// The docs page is served from the swagger-ui-dist package, never from a CDN: gateways run on closed networks.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>marketgate API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <noscript><p>The API description is at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true });`;

export function docsRoutes(root: OpenAPIHono<AppEnv>) {
  root.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'marketgate',
      version: '0.1.0',
      description:
        'Supervision gateway for e-commerce. Platforms file sellers and transactions and get signed receipts. Errors are application/problem+json with a stable `code`.',
      // package.json "license" (Apache-2.0).
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    servers: [{ url: '/' }],
  });
  root.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key: a platform key (mgp_...), a department key (mgd_...), a regulator token (mgr_...) or a crawl worker key (mgw_...).',
  });
  root.get('/docs', (c) => c.html(PAGE));
  root.get('/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    if (file === 'init.js') return c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' });
    const type = ASSETS[file];
    if (!type) throw notFound('asset');
    const body = fs.readFileSync(path.join(SWAGGER_UI_DIR, file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
