/**
 * Who is acting: a platform or a department by one of its keys, or a regulator by token or console
 * session. A department (tax, customs, courts, other regulators) files decisions and reads the events;
 * it is a row of the platforms table (kind 'department'), so that it files through the same machinery.
 */
export type Principal =
  | { kind: 'platform'; platformId: number; slug: string; keyPrefix: string }
  | { kind: 'department'; departmentId: number; slug: string; keyPrefix: string }
  | { kind: 'regulator'; regulatorId: number; name: string; role: 'regulator' | 'admin'; keyPrefix: string }
  /** A crawl worker of the fleet (issue 20): sends verifications and their evidence, nothing else. */
  | { kind: 'worker'; workerId: number; name: string; keyPrefix: string };

export type Role = 'platform' | 'department' | 'regulator' | 'admin' | 'worker';

export function roleOf(principal: Principal): Role {
  return principal.kind === 'regulator' ? principal.role : principal.kind;
}

/**
 * Who did something, as recorded beside what was done: `regulator:<id>`, `platform:<slug>`,
 * `department:<slug>` or `worker:<name>`.
 */
export function actorOf(principal: Principal): string {
  if (principal.kind === 'regulator') return `regulator:${principal.regulatorId}`;
  if (principal.kind === 'worker') return `worker:${principal.name}`;
  return `${principal.kind}:${principal.slug}`;
}
