import type { Gateway } from '../gateway-types.ts';
import type { PageContext } from './layout.tsx';
import type { FormFields } from './security.ts';
import type { ConsoleSession } from './sessions.ts';
import type { consoleStore } from './store.ts';

/** What every console page has in its context: the signed-in session, the posted form, the page's language. */
export interface ConsoleEnv {
  Variables: { session: ConsoleSession; form: FormFields; page: PageContext };
}

/** The gateway as the console's pages see it: with the console's own store beside the domain's. */
export type ConsoleGateway = Gateway & { consoleStore: ReturnType<typeof consoleStore> };
