// The only module that touches the Salesforce libraries. scripts/build-sf.mjs bundles it (with
// @salesforce/core, jsforce and jszip) into dist/sf-lib.js; sfLoader.ts requires it at call time.
// Nothing else may import it statically, or the libraries would load at activation/server start.
import { AuthInfo, ConfigAggregator, Org, StateAggregator, type Connection } from '@salesforce/core';
import JSZip from 'jszip';
import { loginCommand, retrieveError } from './errors';
import type { DeployMessage, DeployStatus, FileProps, LoginList, OrgFacts, OrgLogin, OrgSession, RetrieveStatus, SfLib, ZipEntry } from './sfLoader';

/** A zip in an answer is refused past these sizes (a retrieve of ECA metadata is a few kB). */
const MAX_ZIP_ENTRIES = 5000;
const MAX_ZIP_BYTES = 64 * 1024 * 1024;

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && v !== null && '_' in v) return String((v as { _: unknown })._);
  return String(v);
}

function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

async function configValues(projectPath?: string): Promise<{ targetDevHub?: string; targetOrg?: string }> {
  await ConfigAggregator.clearInstance();
  const agg = await ConfigAggregator.create(projectPath ? { projectPath } : undefined);
  const hub = agg.getPropertyValue<string>('target-dev-hub');
  const org = agg.getPropertyValue<string>('target-org');
  return { targetDevHub: typeof hub === 'string' ? hub : undefined, targetOrg: typeof org === 'string' ? org : undefined };
}

async function listLogins(projectPath?: string): Promise<LoginList> {
  // Re-read from disk: the user may have logged in since the last call.
  await StateAggregator.clearInstanceAsync();
  const state = await StateAggregator.getInstance();
  const { targetDevHub, targetOrg } = await configValues(projectPath);
  const hubUser = targetDevHub ? state.aliases.resolveUsername(targetDevHub) : undefined;
  const orgUser = targetOrg ? state.aliases.resolveUsername(targetOrg) : undefined;
  const auths = await AuthInfo.listAllAuthorizations();
  const logins: OrgLogin[] = auths.map((a) => ({
    username: a.username,
    aliases: a.aliases ?? [],
    orgId: a.orgId,
    instanceUrl: a.instanceUrl,
    isDevHub: a.isDevHub === true,
    isScratchOrg: a.isScratchOrg === true,
    isSandbox: a.isSandbox === true,
    isTargetDevHub: hubUser !== undefined && a.username === hubUser,
    isTargetOrg: orgUser !== undefined && a.username === orgUser,
    error: a.error,
  }));
  const rank = (l: OrgLogin) => (l.isTargetDevHub ? 0 : l.isDevHub ? 1 : l.isTargetOrg ? 2 : 3);
  const label = (l: OrgLogin) => (l.aliases[0] ?? l.username).toLowerCase();
  logins.sort((a, b) => rank(a) - rank(b) || label(a).localeCompare(label(b)));
  return { logins, targetDevHub, targetOrg };
}

function session(conn: Connection, username: string, orgId: string): OrgSession {
  return {
    username,
    orgId,
    instanceUrl: conn.instanceUrl,
    apiVersion: conn.getApiVersion(),
    async listMetadata(types: string[]): Promise<FileProps[]> {
      const out: FileProps[] = [];
      for (let i = 0; i < types.length; i += 3) {
        const batch = types.slice(i, i + 3).map((type) => ({ type }));
        const result = asArray(await conn.metadata.list(batch, conn.getApiVersion()));
        for (const r of result) {
          out.push({
            type: str(r.type),
            fullName: str(r.fullName),
            fileName: str(r.fileName),
            namespacePrefix: r.namespacePrefix ? str(r.namespacePrefix) : undefined,
            manageableState: r.manageableState ? str(r.manageableState) : undefined,
            lastModifiedDate: r.lastModifiedDate ? str(r.lastModifiedDate) : undefined,
            lastModifiedByName: r.lastModifiedByName ? str(r.lastModifiedByName) : undefined,
          });
        }
      }
      return out;
    },
    async readMetadata(type: string, fullNames: string[]): Promise<Record<string, unknown>[]> {
      const out: Record<string, unknown>[] = [];
      for (let i = 0; i < fullNames.length; i += 10) {
        // Always an array argument: a single string for a missing name crashes inside jsforce.
        const records = asArray(await conn.metadata.read(type as never, fullNames.slice(i, i + 10)));
        for (const r of records) if (r && typeof r === 'object' && str((r as { fullName?: unknown }).fullName)) out.push(r as Record<string, unknown>);
      }
      return out;
    },
    async startRetrieve(types: { name: string; members: string[] }[]): Promise<string> {
      const version = conn.getApiVersion();
      // jsforce types apiVersion as a number; on the wire it is the text "64.0" either way.
      const locator = conn.metadata.retrieve({
        apiVersion: version as unknown as number,
        singlePackage: false,
        unpackaged: { types, version } as never,
      });
      const res = await locator;
      const id = str((res as { id?: unknown }).id);
      if (!id) throw retrieveError('ORG_ERROR', 'The org did not return a retrieve id.');
      return id;
    },
    async checkRetrieveStatus(id: string): Promise<RetrieveStatus> {
      const r = (await conn.metadata.checkRetrieveStatus(id)) as unknown as Record<string, unknown>;
      const bool = (v: unknown) => v === true || str(v) === 'true';
      return {
        done: bool(r.done),
        status: str(r.status),
        success: bool(r.success),
        zipFile: r.zipFile ? str(r.zipFile) : undefined,
        messages: asArray(r.messages as Record<string, unknown> | Record<string, unknown>[] | undefined).map((m) => ({
          fileName: str(m.fileName),
          problem: str(m.problem),
        })),
        errorMessage: r.errorMessage ? str(r.errorMessage) : undefined,
        errorStatusCode: r.errorStatusCode ? str(r.errorStatusCode) : undefined,
      };
    },
    async startCheckOnlyDeploy(zip: Buffer): Promise<string> {
      // Base64 text rather than a Buffer: jsforce tests `instanceof Buffer`, which another realm fails.
      const locator = conn.metadata.deploy(zip.toString('base64'), {
        checkOnly: true,
        testLevel: 'NoTestRun',
        singlePackage: true,
        rollbackOnError: true,
        ignoreWarnings: false,
      });
      const res = await locator;
      const id = str((res as { id?: unknown }).id);
      if (!id) throw retrieveError('ORG_ERROR', 'The org did not return a deploy id.');
      return id;
    },
    async checkDeployStatus(id: string): Promise<DeployStatus> {
      const r = (await conn.metadata.checkDeployStatus(id, true)) as unknown as Record<string, unknown>;
      const bool = (v: unknown) => v === true || str(v) === 'true';
      const num = (v: unknown) => {
        const n = Number(str(v));
        return Number.isFinite(n) && str(v) !== '' ? n : undefined;
      };
      const details = (r.details ?? {}) as Record<string, unknown>;
      const message = (m: Record<string, unknown>): DeployMessage => ({
        fileName: str(m.fileName),
        fullName: str(m.fullName),
        componentType: str(m.componentType),
        problem: str(m.problem),
        problemType: str(m.problemType) || 'Error',
        lineNumber: num(m.lineNumber),
        columnNumber: num(m.columnNumber),
        success: bool(m.success),
      });
      return {
        id,
        done: bool(r.done),
        status: str(r.status),
        success: bool(r.success),
        checkOnly: bool(r.checkOnly),
        componentFailures: asArray(details.componentFailures as Record<string, unknown> | Record<string, unknown>[] | undefined)
          .filter((m) => m && typeof m === 'object')
          .map(message),
        numberComponentErrors: num(r.numberComponentErrors) ?? 0,
        numberComponentsTotal: num(r.numberComponentsTotal) ?? 0,
        errorMessage: r.errorMessage ? str(r.errorMessage) : undefined,
        errorStatusCode: r.errorStatusCode ? str(r.errorStatusCode) : undefined,
      };
    },
    async cancelDeploy(id: string): Promise<void> {
      await conn.metadata.cancelDeploy(id);
    },
    async query(soql: string): Promise<Record<string, unknown>[]> {
      const r = await conn.query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: 10000 });
      return r.records ?? [];
    },
    async orgFacts(): Promise<OrgFacts> {
      const auth = conn.getAuthInfoFields() as Record<string, unknown>;
      const rows = await conn.query<Record<string, unknown>>('SELECT Id, Name, IsSandbox, OrganizationType, TrialExpirationDate FROM Organization');
      const o = rows.records?.[0] ?? {};
      const isSandbox = o.IsSandbox === true || str(o.IsSandbox) === 'true';
      return {
        isSandbox,
        // A scratch org reports IsSandbox too; the stored login knows it was created from a Dev Hub.
        isScratch: auth.isScratch === true || typeof auth.devHubUsername === 'string',
        isDevHub: auth.isDevHub === true,
        organizationType: o.OrganizationType ? str(o.OrganizationType) : undefined,
        name: o.Name ? str(o.Name) : undefined,
      };
    },
  };
}

async function openOrg(aliasOrUsername: string, projectPath?: string): Promise<OrgSession> {
  await StateAggregator.clearInstanceAsync();
  if (projectPath) await ConfigAggregator.clearInstance();
  const state = await StateAggregator.getInstance();
  const username = state.aliases.resolveUsername(aliasOrUsername);
  if (!(await state.orgs.hasFile(username))) {
    throw retrieveError(
      'NO_LOGIN',
      `No Salesforce login found for '${aliasOrUsername}'. Log in first with: ${loginCommand(aliasOrUsername)}`,
      loginCommand(aliasOrUsername),
    );
  }
  let org: Org;
  try {
    org = await Org.create({ aliasOrUsername: username });
  } catch (e) {
    const name = (e as Error).name ?? '';
    if (/NamedOrgNotFound|NoAuthInfoFound|AuthInfoNotFound/i.test(name)) {
      throw retrieveError(
        'NO_LOGIN',
        `No Salesforce login found for '${aliasOrUsername}'. Log in first with: ${loginCommand(aliasOrUsername)}`,
        loginCommand(aliasOrUsername),
      );
    }
    throw e;
  }
  const conn = org.getConnection();
  return session(conn, org.getUsername() ?? username, org.getOrgId());
}

async function unzip(data: Buffer): Promise<ZipEntry[]> {
  const zip = await JSZip.loadAsync(data, { checkCRC32: true });
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > MAX_ZIP_ENTRIES) throw new Error(`the zip has ${files.length} entries`);
  const out: ZipEntry[] = [];
  let total = 0;
  for (const f of files) {
    const buf = await f.async('nodebuffer');
    total += buf.length;
    if (total > MAX_ZIP_BYTES) throw new Error('the zip unpacks to more than 64 MiB');
    out.push({ path: f.name, data: buf });
  }
  return out;
}

async function zip(entries: ZipEntry[]): Promise<Buffer> {
  const z = new JSZip();
  for (const e of entries) z.file(e.path, e.data);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// The module object itself is the SfLib: sfLoader requires this file and uses its exports as one.
export { listLogins, openOrg, unzip, zip };
const typeCheck: SfLib = { listLogins, openOrg, unzip, zip };
void typeCheck;
