/** The operations of the gateway's OpenAPI document, as the security matrix walks them. */

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
}

type SecurityRequirement = Record<string, string[]>;

interface OperationObject {
  security?: SecurityRequirement[];
  parameters?: Parameter[];
  requestBody?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  security?: SecurityRequirement[];
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

export interface Operation {
  /** `GET /v1/sellers/{seller_id}`: how tests and messages name it. */
  key: string;
  method: string;
  path: string;
  /** The schemes it declares (its own, else the document's); undefined when it declares none. */
  security: SecurityRequirement[] | undefined;
  pathParams: string[];
  requiredQuery: string[];
  hasBody: boolean;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => {
        const parameters = op.parameters ?? [];
        // Path parameters declared in the template count even if the document forgot to declare them.
        const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          security: op.security ?? doc.security,
          pathParams: [
            ...new Set([...inTemplate, ...parameters.filter((p) => p.in === 'path').map((p) => p.name)]),
          ],
          requiredQuery: parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
          hasBody: op.requestBody !== undefined,
        };
      }),
  );
}

/** The scheme of the gateway's API keys (src/openapi/routes.ts); other bearer schemes are no API key. */
export const API_KEY_SCHEME = 'bearer';

/**
 * Whether every way the operation accepts is the API-key bearer scheme of the document (`security: []`
 * is public). A complaint's access token is sent as a bearer too, but is a scheme of its own
 * (`complaintAccessToken`): its routes are no API key's.
 */
export function requiresBearer(op: Operation, doc: OpenApiDocument): boolean {
  if (!op.security || op.security.length === 0) return false;
  const scheme = doc.components?.securitySchemes?.[API_KEY_SCHEME];
  if (scheme?.type !== 'http' || scheme.scheme !== 'bearer') return false;
  return op.security.every((requirement) => {
    const names = Object.keys(requirement);
    return names.length > 0 && names.every((name) => name === API_KEY_SCHEME);
  });
}

/**
 * The operation's URL with every path parameter and required query parameter filled by `value`. A
 * parameter it cannot fill throws an error naming the route: a new route is never silently unchecked.
 */
export function urlOf(
  op: Operation,
  value: (name: string, op: Operation) => string | undefined,
  overrides: Record<string, string> = {},
): string {
  const missing: string[] = [];
  const fill = (name: string) => {
    const v = overrides[name] ?? value(name, op);
    if (v === undefined) missing.push(name);
    return encodeURIComponent(v ?? '');
  };
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name));
  const query = op.requiredQuery.map((name) => `${encodeURIComponent(name)}=${fill(name)}`).join('&');
  if (missing.length > 0) {
    throw new Error(
      `${op.key}: no real value for ${missing.join(', ')}; give the security matrix one (test/http/security-matrix.test.ts)`,
    );
  }
  return query ? `${path}?${query}` : path;
}
