import type { MiddlewareHandler } from 'hono';
import { authenticate } from '../accounts/service.ts';
import type { AccountsStore } from '../accounts/store.ts';
import { type AppEnv, type Role, roleOf } from './env.ts';
import { DomainError } from '../errors.ts';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Requires `Authorization: Bearer <key>` belonging to one of `roles`. The platform a request acts for
 * comes only from its key, never from anything in the body.
 */
export function requireRole(accounts: AccountsStore, roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  const allowed = new Set(roles);
  return async function requireRoleMiddleware(c, next) {
    // Authenticated already by another room's guard on an overlapping path: once is enough.
    const known = c.get('principal') as AppEnv['Variables']['principal'] | undefined;
    if (known && allowed.has(roleOf(known))) return next();
    const header = c.req.header('authorization');
    const match = header ? BEARER.exec(header) : null;
    if (!match) {
      throw new DomainError('unauthorized', 'send the API key as "Authorization: Bearer <key>"');
    }
    const principal = authenticate(accounts, match[1]!);
    if (!allowed.has(roleOf(principal))) {
      throw new DomainError('forbidden', `this route is for ${[...allowed].join(' or ')} keys`);
    }
    c.set('principal', principal);
    await next();
  };
}
