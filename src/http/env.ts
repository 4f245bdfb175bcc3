import type { Logger } from 'pino';
import type { Principal } from '../accounts/principal.ts';

export { actorOf, roleOf, type Principal, type Role } from '../accounts/principal.ts';

/** Variables every request carries through the middleware chain. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    principal: Principal;
    /** The client's address: the peer's, or behind a trusted proxy the one it forwards for (client-address.ts). */
    clientAddress: string;
  };
}
