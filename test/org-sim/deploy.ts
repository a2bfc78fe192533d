// The org simulator's Metadata API deploy: reads the zip it receives (package.xml + files in
// Metadata API format), and decides, from that content and from what the simulated org holds,
// which components the platform would refuse and why, the way a real org does:
//   - a satellite whose externalClientApplication names an app that is neither in the org nor in
//     the same deploy ("External client app is not installed in this org");
//   - OAuth policies whose clientCredentialsFlowUser is not an active User of this org, or that
//     enable client credentials without one ("Enter a valid execution user …");
//   - commaSeparatedPermissionSet / commaSeparatedProfile names that do not exist here
//     ("We couldn't find permission sets called …");
//   - OAuth settings whose oauthLink names another org than this org's Dev Hub (cross-org link);
//   - malformed XML, a root element that is not the type of the folder/suffix, an unknown folder.
// Each failure carries the file name as it is in the zip, the line and column of the offending
// element, the type and full name, as checkDeployStatus's componentFailures do.
//
// Like server.ts, this file imports nothing from server/src: it is an independent model.
import JSZip from 'jszip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface SimUser { Username: string; IsActive: boolean; Id?: string }

export interface DeployFacts {
  /** Apps the org already has (ExternalClientApplication developer names). */
  installedApps: Set<string>;
  users: SimUser[];
  permissionSets: string[];
  profiles: string[];
  /** The Dev Hub org id (15 characters) an oauthLink must point at. */
  devHubOrgId15: string;
  /** Folder → { type, suffix } of every type the org knows. */
  types: Record<string, { folder: string; suffix: string }>;
}

export interface ComponentOutcome {
  fileName: string;
  componentType: string;
  fullName: string;
  success: boolean;
  problem?: string;
  problemType?: 'Error' | 'Warning';
  lineNumber?: number;
  columnNumber?: number;
}

export interface DeployEvaluation {
  outcomes: ComponentOutcome[];
  /** Set when the zip itself cannot be read: the whole deploy fails with this message. */
  errorMessage?: string;
  /** Components in the zip, `Type:FullName`. */
  members: string[];
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true });

/** 1-based line and column of the first `<name>` element in `xml` (or of the root, when absent). */
function locate(xml: string, name: string): { lineNumber: number; columnNumber: number } {
  let i = xml.search(new RegExp(`<(?:\\w+:)?${name}[\\s>/]`));
  if (i < 0) i = Math.max(0, xml.search(/<[A-Za-z]/));
  const before = xml.slice(0, i);
  const lineNumber = before.split('\n').length;
  const columnNumber = i - (before.lastIndexOf('\n') + 1) + 1;
  return { lineNumber, columnNumber };
}

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (v === undefined || v === null) return '';
  return String(v).trim();
}

function names(csv: string): string[] {
  return csv.split(',').map((s) => s.trim()).filter(Boolean);
}

export async function evaluateDeploy(zipBase64: string, facts: DeployFacts): Promise<DeployEvaluation> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(Buffer.from(zipBase64, 'base64'), { checkCRC32: true });
  } catch (e) {
    return { outcomes: [], members: [], errorMessage: `The zip file could not be read: ${(e as Error).message}` };
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  // singlePackage: package.xml at the root; otherwise one folder per package.
  const pkgFile = files.find((f) => /(^|\/)package\.xml$/.test(f.name));
  if (!pkgFile) return { outcomes: [], members: [], errorMessage: 'No package.xml found' };
  const root = pkgFile.name.slice(0, pkgFile.name.length - 'package.xml'.length);
  const byFolder = new Map(Object.entries(facts.types).map(([type, t]) => [t.folder, { type, suffix: t.suffix }]));
  const entries: { fileName: string; type: string; fullName: string; xml: string }[] = [];
  const outcomes: ComponentOutcome[] = [];
  for (const f of files) {
    if (f === pkgFile || !f.name.startsWith(root)) continue;
    const rel = f.name.slice(root.length);
    const [folder, file] = rel.split('/');
    const info = byFolder.get(folder);
    const dot = file ? file.lastIndexOf('.') : -1;
    if (!info || !file || dot < 0 || file.slice(dot + 1) !== info.suffix) {
      outcomes.push({ fileName: f.name, componentType: '', fullName: rel, success: false, problemType: 'Error', problem: `An object '${rel}' of type unknown was named in package.xml, but was not found in zipped directory` });
      continue;
    }
    entries.push({ fileName: f.name, type: info.type, fullName: file.slice(0, dot), xml: await f.async('string') });
  }
  const appsHere = new Set(entries.filter((e) => e.type === 'ExternalClientApplication').map((e) => e.fullName));
  const users = new Map(facts.users.map((u) => [u.Username.toLowerCase(), u]));
  const permSets = new Set(facts.permissionSets);
  const profiles = new Set(facts.profiles);
  for (const e of entries) {
    const fail = (problem: string, element: string) =>
      outcomes.push({ fileName: e.fileName, componentType: e.type, fullName: e.fullName, success: false, problemType: 'Error', problem, ...locate(e.xml, element) });
    const valid = XMLValidator.validate(e.xml);
    if (valid !== true) {
      outcomes.push({
        fileName: e.fileName, componentType: e.type, fullName: e.fullName, success: false, problemType: 'Error',
        problem: `Error parsing file: ${valid.err.msg}`, lineNumber: valid.err.line, columnNumber: valid.err.col,
      });
      continue;
    }
    const doc = parser.parse(e.xml) as Record<string, unknown>;
    const rootName = Object.keys(doc).find((k) => k !== '?xml') ?? '';
    if (rootName !== e.type) {
      fail(`Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}${rootName} invalid at this location in type ${e.type}`, rootName);
      continue;
    }
    const body = (doc[rootName] ?? {}) as Record<string, unknown>;
    const before = outcomes.length;
    if (e.type !== 'ExternalClientApplication') {
      const app = text(body.externalClientApplication);
      if (app && !facts.installedApps.has(app) && !appsHere.has(app)) {
        fail(`External client app is not installed in this org: no ExternalClientApplication named ${app} found`, 'externalClientApplication');
      }
    }
    if (e.type === 'ExtlClntAppOauthConfigurablePolicies') {
      const user = text(body.clientCredentialsFlowUser);
      const enabled = text(body.isClientCredentialsFlowEnabled) === 'true';
      if (user) {
        const u = users.get(user.toLowerCase());
        if (!u || !u.IsActive) fail('Enter a valid execution user for the OAuth client credentials flow.', 'clientCredentialsFlowUser');
      } else if (enabled) {
        fail('Enter a valid execution user for the OAuth client credentials flow.', 'isClientCredentialsFlowEnabled');
      }
      const missingPs = names(text(body.commaSeparatedPermissionSet)).filter((n) => !permSets.has(n));
      if (missingPs.length) fail(`We couldn't find permission sets called ${missingPs.join(', ')}`, 'commaSeparatedPermissionSet');
      const missingPr = names(text(body.commaSeparatedProfile)).filter((n) => !profiles.has(n));
      if (missingPr.length) fail(`We couldn't find profiles called ${missingPr.join(', ')}`, 'commaSeparatedProfile');
    }
    if (e.type === 'ExtlClntAppOauthSettings') {
      const link = text(body.oauthLink);
      if (link && link.slice(0, 15) !== facts.devHubOrgId15) {
        fail('There was a problem with the OAuth link: Cross-org OAuth flows are not supported for this external client app.', 'oauthLink');
      }
    }
    if (outcomes.length === before) outcomes.push({ fileName: e.fileName, componentType: e.type, fullName: e.fullName, success: true });
  }
  return { outcomes, members: entries.map((e) => `${e.type}:${e.fullName}`).sort() };
}

/** Parses the IN ('a', 'b') list of a SOQL WHERE clause (quotes escaped with a backslash). */
export function soqlInList(q: string, field: string): string[] | undefined {
  const m = new RegExp(`\\b${field}\\s+IN\\s*\\(((?:\\s*'(?:[^'\\\\]|\\\\.)*'\\s*,?)*)\\)`, 'i').exec(q);
  if (!m) {
    const eq = new RegExp(`\\b${field}\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'`, 'i').exec(q);
    return eq ? [eq[1].replace(/\\(.)/g, '$1')] : undefined;
  }
  const out: string[] = [];
  for (const v of m[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)) out.push(v[1].replace(/\\(.)/g, '$1'));
  return out;
}
