/** Who is acting: a platform by one of its keys, or a regulator by token or console session. */
export type Principal =
  | { kind: 'platform'; platformId: number; slug: string; keyPrefix: string }
  | { kind: 'regulator'; regulatorId: number; name: string; role: 'regulator' | 'admin'; keyPrefix: string };

export type Role = 'platform' | 'regulator' | 'admin';

export function roleOf(principal: Principal): Role {
  return principal.kind === 'platform' ? 'platform' : principal.role;
}

/** Who did something, as recorded beside what was done: `regulator:<id>` or `platform:<slug>`. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'regulator' ? `regulator:${principal.regulatorId}` : `platform:${principal.slug}`;
}
