import { isValidUscc } from '../lib/uscc.ts';
import { compactCode } from '../lib/width.ts';
import type { CodeCandidate, JsonLdIdentity, NameCandidate } from '../types.ts';
import { USCC_SHAPE } from './codes.ts';
import type { ScriptRecord } from './model.ts';
import { normalizeCompanyName } from './names.ts';
import { LEGAL_FORM_AT_END } from './names-in-text.ts';

/**
 * schema.org data in <script type="application/ld+json">: top-level objects, arrays of them, @graph
 * members, and organisations nested under the properties that name one (seller, publisher, ...).
 * Malformed JSON is skipped. A legalName is a name candidate; an organisation's plain `name` only when
 * it ends in a legal form: stores put their shop name there (官方旗舰店), which is no legal identity.
 */

const ORGANIZATION_TYPE = /organization|corporation|business|store|shop|company/i;
const NESTED = [
  'seller',
  'provider',
  'publisher',
  'brand',
  'manufacturer',
  'parentOrganization',
  'author',
  'offers',
  'mainEntity',
  'itemOffered',
  'organizer',
];
const MAX_DEPTH = 8;
const MAX_OBJECTS = 500;

export interface JsonLdFindings {
  items: JsonLdIdentity[];
  names: NameCandidate[];
  codes: CodeCandidate[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function parse(content: string): Json | undefined {
  // Pages wrap JSON-LD in comment or CDATA markers that browsers ignore and JSON.parse does not.
  const body = content
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, '');
  try {
    return JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
}

function text(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

function typeOf(value: Json | undefined): string | undefined {
  if (Array.isArray(value))
    return value.map(text).find((t) => t !== undefined && ORGANIZATION_TYPE.test(t)) ?? text(value);
  return text(value);
}

/** Strings an identifier property may hold: a string, a PropertyValue's value, or a list of them. */
function identifiers(value: Json | undefined, out: string[] = []): string[] {
  if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) value.slice(0, 20).forEach((v) => identifiers(v, out));
  else if (value && typeof value === 'object') identifiers(value.value, out);
  return out;
}

export function readJsonLd(scripts: readonly ScriptRecord[]): JsonLdFindings {
  const found: JsonLdFindings = { items: [], names: [], codes: [] };
  let budget = MAX_OBJECTS;
  const visit = (value: Json | undefined, depth: number, nested: boolean): void => {
    if (!value || typeof value !== 'object' || depth > MAX_DEPTH || budget <= 0) return;
    if (Array.isArray(value)) {
      for (const member of value) visit(member, depth + 1, nested);
      return;
    }
    budget--;
    const type = typeOf(value['@type']);
    const isOrganization = type !== undefined && ORGANIZATION_TYPE.test(type);
    if (!nested || isOrganization) record(value, type, isOrganization, found);
    visit(value['@graph'], depth + 1, false);
    for (const key of NESTED) visit(value[key], depth + 1, true);
  };
  for (const script of scripts) {
    if (!/^application\/ld\+json\b/.test(script.type)) continue;
    visit(parse(script.content), 0, false);
  }
  return found;
}

function record(
  value: { [key: string]: Json },
  type: string | undefined,
  isOrganization: boolean,
  found: JsonLdFindings,
): void {
  const name = text(value.name);
  const legalName = text(value.legalName);
  const taxID = text(value.taxID) ?? text(value.vatID);
  if (type === undefined && name === undefined && legalName === undefined && taxID === undefined) return;
  const item: JsonLdIdentity = {};
  if (type !== undefined) item.type = type;
  if (name !== undefined) item.name = name;
  if (legalName !== undefined) item.legalName = legalName;
  if (taxID !== undefined) item.taxID = taxID;
  found.items.push(item);

  if (legalName) found.names.push(nameCandidate(legalName));
  if (isOrganization && name && name !== legalName && LEGAL_FORM_AT_END.test(name))
    found.names.push(nameCandidate(name));
  for (const raw of [
    ...identifiers(value.taxID),
    ...identifiers(value.vatID),
    ...identifiers(value.identifier),
  ]) {
    const code = compactCode(raw);
    if (USCC_SHAPE.test(code)) {
      found.codes.push({
        text: raw.trim(),
        code,
        valid: isValidUscc(code),
        source: 'json_ld',
        hidden: false,
      });
    }
  }
}

function nameCandidate(name: string): NameCandidate {
  return { text: name, normalized: normalizeCompanyName(name), source: 'json_ld', hidden: false };
}
