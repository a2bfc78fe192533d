// Files the platform's schema declares valid, built from a parsed WSDL extract (scripts/gen-schema.mjs
// parseXsd / loadVersions): one file per element or value, with the type's required elements, at the
// path the engine classifies as that type. platformSchema.test.ts (newest version) and
// apiVersions.test.ts (every version) share them.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TYPE_BY_NAME } from '../../server/src/engine/schema';
import { REPO, eca } from './fs';

export interface XsdElement { name: string; type: string; minOccurs: number; unbounded: boolean }
export interface Xsd { simple: Map<string, string[]>; complex: Map<string, { metadata: boolean; elements: XsdElement[] }> }
export interface Gen {
  parseXsd(text: string): Xsd;
  platformXsdPath(): string;
  loadVersions(): Map<number, Xsd>;
  unionXsd(versions: Map<number, Xsd>): Xsd;
  PLATFORM_SCHEMA: string;
  buildTable(xsd: Xsd, overlay: unknown, file: string): { types: { name: string; fields: { name: string; description?: string }[] }[] };
  PATHS: { overlay: string; table: string };
}
export const gen = (): Promise<Gen> => import(pathToFileURL(join(REPO, 'scripts/gen-schema.mjs')).href as string);

/** A value the WSDL accepts for an element (for plain strings the docs constrain: the documented first value). */
export function sample(typeName: string, el: XsdElement, xsd: Xsd): string {
  if (el.type === 'xsd:boolean') return 'true';
  if (el.type === 'xsd:int') return String(TYPE_BY_NAME.get(typeName)?.fieldMap.get(el.name)?.values?.[0] ?? 1);
  const local = el.type.replace(/^tns:/, '');
  if (xsd.simple.has(local)) return xsd.simple.get(local)![0];
  const special: Record<string, string> = {
    externalClientApplication: 'App',
    commaSeparatedOauthScopes: 'Api',
    oauthLink: '00D5g000004ELR0:8885g0000007Af1',
    orgScopedExternalApp: '00D5g000004ELR0:App',
    pushConfigLink: '00D5g000004ELR0:1Dh5g0000004xyz',
    clientCredentialsFlowUser: 'integration@acme.com',
    executeHandlerAs: 'integration@acme.com',
    contactEmail: 'admin@acme.com',
    startIpAddress: '10.0.0.1',
    endIpAddress: '10.0.0.9',
  };
  if (special[el.name]) return special[el.name];
  const documented = TYPE_BY_NAME.get(typeName)?.fieldMap.get(el.name)?.values;
  if (documented?.length) return documented[0];
  if (/url$/i.test(el.name)) return 'https://example.com/app';
  return 'Value';
}

/** Required by the WSDL (minOccurs 1) or, on create, by the docs (the table). */
export function isRequired(typeName: string, el: XsdElement): boolean {
  return el.minOccurs > 0 || TYPE_BY_NAME.get(typeName)?.fieldMap.get(el.name)?.required === true;
}

/** `<name>…</name>`, complex types filled with their required elements. */
export function element(typeName: string, el: XsdElement, xsd: Xsd, indent: string, value?: string): string {
  const local = el.type.replace(/^tns:/, '');
  const ct = xsd.complex.get(local);
  if (ct && value === undefined) {
    const inner = ct.elements.filter((c) => isRequired(local, c)).map((c) => element(local, c, xsd, `${indent}    `)).join('');
    return `${indent}<${el.name}>\n${inner}${indent}</${el.name}>\n`;
  }
  return `${indent}<${el.name}>${value ?? sample(typeName, el, xsd)}</${el.name}>\n`;
}

/** A file of `typeName` with its required elements plus `extra` (replacing a required one of the same name). */
export function file(typeName: string, xsd: Xsd, extra?: { el: XsdElement; value?: string }): string {
  const ct = xsd.complex.get(typeName)!;
  const body = ct.elements
    .filter((e) => (extra && e.name === extra.el.name) || isRequired(typeName, e))
    .map((e) => element(typeName, e, xsd, '    ', extra && e.name === extra.el.name ? extra.value : undefined))
    .join('');
  const missing = extra && !ct.elements.some((e) => e.name === extra.el.name) ? element(typeName, extra.el, xsd, '    ', extra.value) : '';
  return eca(typeName, body + missing);
}

/** Where the engine takes a file for the type (undefined: the type has no file of its own). */
export function pathFor(typeName: string, root = '/p'): string | undefined {
  if (typeName === 'ExternalClientAppSettings') return `${root}/force-app/main/default/settings/ExternalClientApp.settings-meta.xml`;
  const t = TYPE_BY_NAME.get(typeName);
  if (!t) return undefined;
  // Types without a source suffix (the Attest types) are recognised by their root element.
  return t.suffix ? `${root}/force-app/main/default/${t.folder}/App.${t.suffix}-meta.xml` : `${root}/force-app/main/default/attest/App.xml`;
}
