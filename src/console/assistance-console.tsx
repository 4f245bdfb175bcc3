import { Hono } from 'hono';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

export function assistanceConsole(_gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  return app;
}
