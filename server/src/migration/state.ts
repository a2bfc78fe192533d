// The mapping's working state: what has been read from the Connected App so far (the fields of
// each ECA component, the outcome of every element, blockers and warnings), and the bookkeeping
// the section mappers (sections/*.ts) share. The mapper (mapper.ts) runs the sections over it and
// composes the components.
import type { CaNode, ConnectedAppDoc } from './connectedApp';
import { FEATURE_HINTS, FILE_TYPES, type FileKind } from './mapping';
import { ecaApiName } from './layout';
import { TYPE_BY_NAME } from '../engine/schema';
import type { Finding, MigrationOptions, Outcome } from './types';
import type { XmlField } from '../engine/xml/write';

export const typeOf = (kind: FileKind) => TYPE_BY_NAME.get(FILE_TYPES[kind].type)!;

export function enumValues(kind: FileKind, field: string): string[] {
  return typeOf(kind).fieldMap.get(field)?.values ?? [];
}

export const SCOPE_NAMES = enumValues('oauth', 'commaSeparatedOauthScopes');
export { USERNAME_RE } from '../engine/username';
export const PRIVATE_KEY_RE = /-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----/;


export class MapperState {
  readonly name: string;
  readonly blockers: Finding[] = [];
  readonly warnings: Finding[] = [];
  readonly defaults: string[] = [];
  readonly secrets: string[] = [];
  readonly outcomes = new Map<CaNode, Outcome>();

  readonly header: XmlField[] = [];
  readonly oauth: XmlField[] = [];
  readonly globalOauth: XmlField[] = [];
  readonly policies: XmlField[] = [];
  readonly oauthPolicies: XmlField[] = [];
  readonly saml: XmlField[] = [];
  readonly canvas: XmlField[] = [];

  readonly hasOauth: boolean;
  readonly hasSaml: boolean;
  readonly hasCanvas: boolean;

  label = '';
  profiles: string[] = [];
  permissionSets: string[] = [];
  ipRanges: XmlField[] = [];
  attributes: { key: string; formula: string }[] = [];
  plugin?: string;
  pluginUser?: string;
  adminApproved = false;
  ccEnabled = false;
  ccUser?: string;
  scopes: string[] = [];
  seenOauthPolicy = false;
  pkceSeen = false;
  refreshSecretSeen = false;
  sessionFields: XmlField[] = [];
  sessionNodes: CaNode[] = [];
  ccUserNode?: CaNode;

  constructor(readonly app: ConnectedAppDoc, readonly opts: MigrationOptions) {
    this.name = ecaApiName(app.name);
    if (this.name !== app.name) {
      this.warnings.push({ code: 'api-name', message: `'${app.name}' is not a valid API name for an External Client App; the ECA is named '${this.name}'.` });
    }
    const top = new Set(app.nodes.map((n) => n.name));
    this.hasOauth = top.has('oauthConfig');
    this.hasSaml = top.has('samlConfig');
    this.hasCanvas = top.has('canvasConfig');
    // The secrets are collected first, so nothing later can leak them.
    const walk = (nodes: CaNode[]) => {
      for (const n of nodes) {
        if ((n.name === 'consumerKey' || n.name === 'consumerSecret') && n.value) this.secrets.push(n.value);
        walk(n.children);
      }
    };
    walk(app.nodes);
  }

  // ---- outcome bookkeeping (one per element; rows aggregate them)

  mark(n: CaNode, kind: Outcome['kind'], note?: string): void {
    this.outcomes.set(n, { kind, note });
  }

  blocker(n: CaNode | undefined, code: string, message: string): void {
    if (!this.blockers.some((b) => b.code === code && b.message === message)) this.blockers.push({ code, message, setting: n?.path });
    if (n) this.mark(n, 'blocker', message);
  }

  warn(code: string, message: string, setting?: string): void {
    if (!this.warnings.some((w) => w.code === code && w.message === message)) this.warnings.push({ code, message, setting });
  }

  /** An element the mapping does not know: a blocker, and its children are not examined. */
  unknown(n: CaNode): void {
    const hint = FEATURE_HINTS.find((h) => h.re.test(n.name));
    const message = hint
      ? `<${n.path}>: ${hint.message}.`
      : `<${n.path}> is not a documented Connected App setting; the migration cannot tell what the ECA would need for it. Check it by hand (or remove it from a copy of the file) before migrating.`;
    this.blocker(n, hint ? hint.code : 'unknown-setting', message);
    this.mark(n, 'unknown', message);
  }

  bool(n: CaNode): 'true' | 'false' | undefined {
    const v = n.value.toLowerCase();
    if (v === 'true' || v === '1') return 'true';
    if (v === 'false' || v === '0') return 'false';
    this.blocker(n, 'invalid-value', `<${n.path}> is '${n.value}', not true or false.`);
    return undefined;
  }

  once(seen: Set<string>, n: CaNode): boolean {
    if (seen.has(n.name)) {
      this.warn('duplicate-setting', `<${n.path}> appears more than once; the first one was used.`, n.path);
      this.mark(n, 'dropped', 'Duplicate: the first occurrence was used.');
      return false;
    }
    seen.add(n.name);
    return true;
  }
}
