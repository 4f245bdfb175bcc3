import { OpenAPIHono } from '@hono/zod-openapi';
import type { Gateway } from '../gateway-types.ts';
import type { AppEnv } from '../http/env.ts';

export function leadRoutes(_gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  return app;
}
