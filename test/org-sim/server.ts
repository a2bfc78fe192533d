// A Salesforce org simulator for tests: an HTTP server on 127.0.0.1 (random free port) that answers
// with the wire formats the real @salesforce/core / jsforce clients expect (see
// docs/reference/salesforce-retrieve-wire-format.md): OAuth token (refresh grant) and userinfo,
// REST (versions, sobjects/User, queries on ScratchOrgInfo and Organization) and the SOAP Metadata
// API (listMetadata, readMetadata, retrieve, checkRetrieveStatus with a real zip in Metadata API
// format). Unknown paths and operations answer with Salesforce-shaped errors, never a hang.
//
// Faults are injected per operation (see `inject`): token expiry at a given step, HTTP 500,
// SOAP faults, slow answers, a failed retrieve; the zip itself can be made malformed (`zipMode`)
// or carry components that were not asked for (`answerAlsoWith`).
//
// Deploys (deploy.ts): `deploy` (check-only or not, recorded with its DeployOptions),
// `checkDeployStatus` with componentFailures decided from the zip's content against the org's
// users, permission sets, profiles, installed apps and Dev Hub, and `cancelDeploy`; REST queries on
// User, PermissionSet and Profile answer from the same facts. Every request is recorded
// (`requests`, and `deploys` for the options each deploy carried), so tests can prove what reached
// the org.
//
// This file deliberately does not import anything from server/src: it is an independent model of
// the org, so a mistake in the product's type table cannot be mirrored here.
import * as http from 'node:http';
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { defaultSeed, type SeedComponent } from './seed.js';
import { evaluateDeploy, soqlInList, type DeployEvaluation, type SimUser } from './deploy.js';

/** Folder and suffix of each ECA-family type in Metadata API format (SDR 13.7 registry). */
export const SIM_TYPES: Record<string, { folder: string; suffix: string }> = {
  ExternalClientApplication: { folder: 'externalClientApps', suffix: 'eca' },
  ExtlClntAppOauthSettings: { folder: 'extlClntAppOauthSettings', suffix: 'ecaOauth' },
  ExtlClntAppGlobalOauthSettings: { folder: 'extlClntAppGlobalOauthSets', suffix: 'ecaGlblOauth' },
  ExtlClntAppOauthConfigurablePolicies: { folder: 'extlClntAppOauthPolicies', suffix: 'ecaOauthPlcy' },
  ExtlClntAppConfigurablePolicies: { folder: 'extlClntAppPolicies', suffix: 'ecaPlcy' },
  ExtlClntAppMobileSettings: { folder: 'extlClntAppMobileSettings', suffix: 'ecaMobile' },
  ExtlClntAppMobileConfigurablePolicies: { folder: 'extlClntAppMobilePolicies', suffix: 'ecaMobilePlcy' },
  ExtlClntAppNotificationSettings: { folder: 'extlClntAppNotifSettings', suffix: 'ecaNotifications' },
  ExtlClntAppPushSettings: { folder: 'extlClntAppPushSettings', suffix: 'ecaPush' },
  ExtlClntAppPushConfigurablePolicies: { folder: 'extlClntAppPushPolicies', suffix: 'ecaPushPlcy' },
  ExtlClntAppSamlConfigurablePolicies: { folder: 'extlClntAppSamlConfigurablePolicies', suffix: 'ecaSamlPlcy' },
};

export type SimOperation =
  | 'token'
  | 'userinfo'
  | 'versions'
  | 'sobject'
  | 'query'
  | 'listMetadata'
  | 'readMetadata'
  | 'retrieve'
  | 'checkRetrieveStatus'
  | 'deploy'
  | 'checkDeployStatus'
  | 'cancelDeploy'
  | 'unknown';

export type FaultKind =
  /** Invalidate every access token when this call arrives; the call then fails as a real org would. */
  | 'expireSession'
  /** HTTP 500 with a Salesforce-shaped body (REST JSON or SOAP fault UNKNOWN_EXCEPTION). */
  | 'http500'
  /** HTTP 503 with an HTML maintenance page (not a Salesforce body at all). */
  | 'html503'
  /** A SOAP fault with the given code (HTTP 500, as the Metadata API sends them). */
  | 'soapFault'
  /** Hold the answer back for `delayMs` (default 10 minutes) or until the client goes away. */
  | 'slow'
  /** checkRetrieveStatus: done, status Failed, with an error message (a real retrieve failure). */
  | 'retrieveFailed';

export interface Fault {
  on: SimOperation;
  kind: FaultKind;
  /** How many matching calls it applies to (default 1). */
  times?: number;
  /** soapFault: the code without prefix, e.g. REQUEST_LIMIT_EXCEEDED. */
  faultCode?: string;
  message?: string;
  delayMs?: number;
  /** Only calls for which this returns true are matched (e.g. only the finished checkRetrieveStatus). */
  when?: (info: { op: SimOperation; retrievePolls?: number }) => boolean;
}

/**
 * How the zip in the finished checkRetrieveStatus is spoiled:
 * ok (real zip), garbage (random bytes), truncated (first half of a real zip), badCrc (one content
 * byte flipped, CRC no longer matches), noRoot (files without the `unpackaged/` root folder).
 */
export type ZipMode = 'ok' | 'garbage' | 'truncated' | 'badCrc' | 'noRoot';

export interface OrgSimOptions {
  components?: SeedComponent[];
  /** Highest API version offered by GET /services/data (default 64.0). */
  maxApiVersion?: number;
  /** Whether the ScratchOrgInfo query succeeds (it does on a Dev Hub). Default true. */
  isDevHub?: boolean;
  /** checkRetrieveStatus answers "InProgress" this many times before the zip (default 1). */
  retrievePollsBeforeDone?: number;
  username?: string;
  orgName?: string;
  /** The org id (18 characters; default random). */
  orgId?: string;
  /** What Organization.IsSandbox (and TrialExpirationDate) say: default production. */
  orgKind?: 'production' | 'sandbox' | 'scratch';
  /** Users of the org (the admin is always there and active). */
  users?: SimUser[];
  permissionSets?: string[];
  profiles?: string[];
  /** The Dev Hub whose OAuth consumers oauthLinks may point at (default: this org itself). */
  devHubOrgId?: string;
  /** checkDeployStatus answers "InProgress" this many times before the result (default 1). */
  deployPollsBeforeDone?: number;
}

/** One deploy as it reached the org. */
export interface SimDeploy {
  id: string;
  /** DeployOptions as sent (values as text). */
  options: Record<string, string>;
  checkOnly: boolean;
  evaluation: DeployEvaluation;
  polls: number;
  canceled: boolean;
}

export interface SimRequest {
  op: SimOperation;
  method: string;
  path: string;
  /** SOAP operation detail (e.g. the types listed) for assertions. */
  detail?: string;
  status?: number;
}

interface RetrieveJob {
  id: string;
  types: { name: string; members: string[] }[];
  version: string;
  polls: number;
}

const META_NS = 'http://soap.sforce.com/2006/04/metadata';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function randomId(prefix: string, length = 18): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let s = prefix;
  for (let i = 0; s.length < length; i++) s += chars[bytes[i] % chars.length];
  return s;
}

function soapEnvelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="${META_NS}" ` +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

function soapFaultBody(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="${META_NS}">` +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${xmlEscape(
      `${code}: ${message}`,
    )}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

/** Inner XML of a metadata file: everything between the root element's tags. */
function innerXml(xml: string): string {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const open = body.indexOf('>');
  const close = body.lastIndexOf('</');
  return body.slice(open + 1, close).trim();
}

export class OrgSim extends EventEmitter {
  readonly orgId: string;
  readonly userId = randomId('005', 18);
  readonly username: string;
  readonly orgName: string;
  readonly requests: SimRequest[] = [];
  /** Secrets planted in the global OAuth settings, per app: what must never reach disk. */
  readonly secrets = new Map<string, { consumerKey: string; consumerSecret: string }>();
  /** Every refresh-token grant that succeeded. */
  refreshCount = 0;
  /** Every access and refresh token this org ever issued: what must never appear in any output. */
  readonly issuedTokens: string[] = [];
  /** Every deploy call, in order, with its options: what tests look at to prove check-only. */
  readonly deploys: SimDeploy[] = [];
  orgKind: 'production' | 'sandbox' | 'scratch';
  users: SimUser[];
  permissionSets: string[];
  profiles: string[];
  devHubOrgId: string;
  deployPollsBeforeDone: number;
  zipMode: ZipMode = 'ok';
  /** Types the org adds to every retrieve answer for the apps that were asked for. */
  answerAlsoWith: string[] = [];
  retrievePollsBeforeDone: number;
  isDevHub: boolean;
  readonly maxApiVersion: number;

  private server: http.Server;
  private components: SeedComponent[];
  private accessTokens = new Set<string>();
  private refreshTokens = new Set<string>();
  private faults: (Fault & { left: number })[] = [];
  private jobs = new Map<string, RetrieveJob>();
  private port = 0;
  private parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => ['queries', 'fullNames', 'types', 'members'].includes(name),
  });

  constructor(options: OrgSimOptions = {}) {
    super();
    this.orgId = options.orgId ?? randomId('00D', 18);
    this.username = options.username ?? `devhub.admin.${randomBytes(3).toString('hex')}@example.com`;
    this.orgName = options.orgName ?? 'Acme Dev Hub';
    this.maxApiVersion = options.maxApiVersion ?? 64;
    this.isDevHub = options.isDevHub ?? true;
    this.retrievePollsBeforeDone = options.retrievePollsBeforeDone ?? 1;
    this.orgKind = options.orgKind ?? 'production';
    this.users = [{ Username: this.username, IsActive: true, Id: this.userId }, ...(options.users ?? [])];
    this.permissionSets = options.permissionSets ?? [];
    this.profiles = options.profiles ?? ['System Administrator', 'Standard User'];
    this.devHubOrgId = options.devHubOrgId ?? this.orgId;
    this.deployPollsBeforeDone = options.deployPollsBeforeDone ?? 1;
    const org15 = this.orgId.slice(0, 15);
    this.components = (options.components ?? defaultSeed()).map((c) => ({
      ...c,
      xml: c.xml
        .replace(/\{\{ORG15\}\}/g, org15)
        .replace(/\{\{(KEY|SECRET):([^}]+)\}\}/g, (_m, kind: string, app: string) => {
          let s = this.secrets.get(app);
          if (!s) {
            s = {
              consumerKey: '3MVG9' + randomBytes(30).toString('base64url').replace(/[-_]/g, 'x'),
              consumerSecret: randomBytes(32).toString('hex').toUpperCase(),
            };
            this.secrets.set(app, s);
          }
          return kind === 'KEY' ? s.consumerKey : s.consumerSecret;
        }),
    }));
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: String(err) }]));
        }
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh login as `sf org login web` would leave it: an access token and a refresh token. */
  issueTokens(): { accessToken: string; refreshToken: string } {
    const accessToken = `${this.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    const refreshToken = `5Aep861${randomBytes(30).toString('base64url')}`;
    this.accessTokens.add(accessToken);
    this.refreshTokens.add(refreshToken);
    this.issuedTokens.push(accessToken, refreshToken);
    return { accessToken, refreshToken };
  }

  /** Every access token stops working (refresh tokens keep working). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Refresh tokens stop working too: the user must log in again. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Resolves when the next request for `op` arrives (before it is answered). */
  waitFor(op: SimOperation): Promise<void> {
    return new Promise((resolve) => {
      const onReq = (r: SimRequest) => {
        if (r.op === op) {
          this.off('request', onReq);
          resolve();
        }
      };
      this.on('request', onReq);
    });
  }

  ops(): SimOperation[] {
    return this.requests.map((r) => r.op);
  }

  component(type: string, fullName: string): SeedComponent | undefined {
    return this.components.find((c) => c.type === type && c.fullName === fullName);
  }

  // ---------------------------------------------------------------------------------------------

  private takeFault(op: SimOperation, retrievePolls?: number): Fault | undefined {
    const finished = retrievePolls !== undefined && retrievePolls > this.retrievePollsBeforeDone;
    const i = this.faults.findIndex(
      (f) =>
        f.on === op &&
        f.left > 0 &&
        (f.kind !== 'retrieveFailed' || finished) &&
        (!f.when || f.when({ op, retrievePolls })),
    );
    if (i === -1) return undefined;
    const f = this.faults[i];
    f.left--;
    if (f.left === 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    let op: SimOperation = 'unknown';
    let soap: Record<string, unknown> | undefined;
    let soapOp = '';
    if (method === 'POST' && path === '/services/oauth2/token') op = 'token';
    else if (method === 'GET' && path === '/services/oauth2/userinfo') op = 'userinfo';
    else if (method === 'GET' && /^\/services\/data\/?$/.test(path)) op = 'versions';
    else if (method === 'GET' && /^\/services\/data\/v\d+\.\d\/sobjects\/[^/]+\/[^/]+$/.test(path)) op = 'sobject';
    else if (method === 'GET' && /^\/services\/data\/v\d+\.\d\/query\/?$/.test(path)) op = 'query';
    else if (method === 'POST' && /^\/services\/Soap\/m\/\d+\.\d$/.test(path)) {
      try {
        const parsed = this.parser.parse(body) as { Envelope?: { Header?: unknown; Body?: Record<string, unknown> } };
        soap = parsed.Envelope as Record<string, unknown> | undefined;
        const b = parsed.Envelope?.Body;
        soapOp = b && typeof b === 'object' ? Object.keys(b)[0] ?? '' : '';
      } catch {
        soapOp = '';
      }
      if (['listMetadata', 'readMetadata', 'retrieve', 'checkRetrieveStatus', 'deploy', 'checkDeployStatus', 'cancelDeploy'].includes(soapOp)) op = soapOp as SimOperation;
    }

    const record: SimRequest = { op, method, path };
    if (op === 'listMetadata' || op === 'readMetadata') record.detail = this.describeSoap(soap, soapOp);
    if (op === 'query') record.detail = url.searchParams.get('q') ?? '';
    if (op === 'deploy') {
      const o = ((soap?.Body as Record<string, Record<string, unknown>> | undefined)?.deploy?.DeployOptions ?? {}) as Record<string, unknown>;
      record.detail = Object.entries(o).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).sort().join(';');
    }
    this.requests.push(record);
    this.emit('request', record);

    const send = (status: number, contentType: string, payload: string) => {
      record.status = status;
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': contentType });
      res.end(payload);
    };
    const json = (status: number, value: unknown) => send(status, 'application/json;charset=UTF-8', JSON.stringify(value));
    const xml = (status: number, payload: string) => send(status, 'text/xml;charset=UTF-8', payload);
    const isSoap = path.startsWith('/services/Soap/');

    let retrievePolls: number | undefined;
    if (op === 'checkRetrieveStatus') {
      const job = this.jobs.get(this.soapText(soap, ['Body', 'checkRetrieveStatus', 'asyncProcessId']));
      retrievePolls = job ? job.polls + 1 : undefined;
    }
    const fault = this.takeFault(op, retrievePolls);
    if (fault) {
      switch (fault.kind) {
        case 'expireSession':
          this.expireAccessTokens();
          break;
        case 'http500':
          if (isSoap) {
            return xml(500, soapFaultBody('UNKNOWN_EXCEPTION', fault.message ?? 'An unexpected error occurred. Please include this ErrorId if you contact support: 1187412345-98765 (-1571063468)'));
          }
          return json(500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: fault.message ?? 'An unexpected error occurred. Please include this ErrorId if you contact support: 1187412345-98765 (-1571063468)' }]);
        case 'html503':
          return send(503, 'text/html;charset=UTF-8', '<html><head><title>Service Unavailable</title></head><body><h1>Down for maintenance</h1></body></html>');
        case 'soapFault':
          return xml(500, soapFaultBody(fault.faultCode ?? 'UNKNOWN_EXCEPTION', fault.message ?? 'fault injected by the simulator'));
        case 'slow': {
          const delay = fault.delayMs ?? 10 * 60 * 1000;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, delay);
            res.once('close', () => {
              clearTimeout(t);
              resolve();
            });
          });
          if (res.destroyed || res.writableEnded) return;
          break;
        }
        case 'retrieveFailed':
          break;
      }
    }

    switch (op) {
      case 'token':
        return this.token(body, json);
      case 'userinfo': {
        if (!this.restAuthOk(req)) return send(403, 'text/plain', 'Bad_OAuth_Token');
        return json(200, {
          sub: `${this.url}/id/${this.orgId}/${this.userId}`,
          user_id: this.userId,
          organization_id: this.orgId,
          preferred_username: this.username,
          nickname: 'admin',
          name: 'Dev Hub Admin',
          email: 'admin@example.com',
          email_verified: true,
          zoneinfo: 'Europe/Paris',
          locale: 'en_US',
          language: 'en_US',
          user_type: 'STANDARD',
          utcOffset: 3600000,
          updated_at: '2026-01-01T00:00:00Z',
        });
      }
      case 'versions': {
        const versions = [];
        for (let v = 58; v <= this.maxApiVersion; v++) {
          versions.push({ label: `Release ${v}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
        }
        return json(200, versions);
      }
      case 'sobject': {
        if (!this.restAuthOk(req)) return json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        const m = /\/sobjects\/([^/]+)\/([^/]+)$/.exec(path)!;
        if (m[1] === 'User' && m[2] === this.userId) {
          return json(200, {
            attributes: { type: 'User', url: `${path}` },
            Id: this.userId,
            Username: this.username,
            Name: 'Dev Hub Admin',
            Email: 'admin@example.com',
          });
        }
        return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      }
      case 'query': {
        if (!this.restAuthOk(req)) return json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        const q = (url.searchParams.get('q') ?? '').replace(/\s+/g, ' ');
        if (/ FROM ScratchOrgInfo\b/i.test(q)) {
          if (!this.isDevHub) {
            return json(400, [{ message: "sObject type 'ScratchOrgInfo' is not supported.", errorCode: 'INVALID_TYPE' }]);
          }
          return json(200, { totalSize: 0, done: true, records: [] });
        }
        if (/ FROM Organization\b/i.test(q)) {
          return json(200, {
            totalSize: 1,
            done: true,
            records: [
              {
                attributes: { type: 'Organization', url: `/services/data/v${this.maxApiVersion}.0/sobjects/Organization/${this.orgId}` },
                Name: this.orgName,
                InstanceName: 'SIM1',
                IsSandbox: this.orgKind !== 'production',
                TrialExpirationDate: this.orgKind === 'scratch' ? '2026-12-31T00:00:00.000+0000' : null,
                NamespacePrefix: null,
                OrganizationType: 'Developer Edition',
              },
            ],
          });
        }
        const records = this.queryRecords(q);
        if (records) return json(200, { totalSize: records.length, done: true, records });
        return json(400, [{ message: `sObject type in '${q}' is not supported by the simulator.`, errorCode: 'INVALID_TYPE' }]);
      }
      case 'listMetadata':
      case 'readMetadata':
      case 'retrieve':
      case 'checkRetrieveStatus':
      case 'deploy':
      case 'checkDeployStatus':
      case 'cancelDeploy': {
        const sessionId = this.soapText(soap, ['Header', 'SessionHeader', 'sessionId']);
        if (!this.accessTokens.has(sessionId)) {
          return xml(
            500,
            soapFaultBody('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash'),
          );
        }
        const result = await this.metadata(op, soap!, fault);
        return xml(result.status, result.body);
      }
      default:
        if (isSoap) {
          return xml(500, soapFaultBody('INVALID_OPERATION', `No operation available for request {${META_NS}}${soapOp || '(none)'}`));
        }
        return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    }
  }

  private restAuthOk(req: http.IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const m = /^(?:Bearer|OAuth) (.+)$/.exec(h);
    return !!m && this.accessTokens.has(m[1]);
  }

  private token(body: string, json: (status: number, v: unknown) => void): void {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'refresh_token') {
      return json(400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    }
    const rt = form.get('refresh_token') ?? '';
    if (!this.refreshTokens.has(rt)) {
      return json(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
    }
    this.refreshCount++;
    const accessToken = `${this.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    this.accessTokens.add(accessToken);
    this.issuedTokens.push(accessToken);
    return json(200, {
      access_token: accessToken,
      signature: randomBytes(32).toString('base64'),
      scope: 'refresh_token web api',
      instance_url: this.url,
      id: `${this.url}/id/${this.orgId}/${this.userId}`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
    });
  }

  private soapText(soap: Record<string, unknown> | undefined, path: string[]): string {
    let cur: unknown = soap;
    for (const p of path) {
      if (!cur || typeof cur !== 'object') return '';
      cur = (cur as Record<string, unknown>)[p];
    }
    return typeof cur === 'string' ? cur : '';
  }

  private describeSoap(soap: Record<string, unknown> | undefined, soapOp: string): string {
    const op = ((soap?.Body as Record<string, unknown> | undefined)?.[soapOp] ?? {}) as Record<string, unknown>;
    if (soapOp === 'listMetadata') {
      const qs = (op.queries as { type?: string }[] | undefined) ?? [];
      return qs.map((q) => q.type).join(',');
    }
    if (soapOp === 'readMetadata') {
      return `${String(op.type)}:${((op.fullNames as string[] | undefined) ?? []).join(',')}`;
    }
    return '';
  }

  private fileProperties(c: SeedComponent, fileName: string): string {
    const t = '2026-01-15T10:00:00.000Z';
    return (
      `<createdById>${this.userId}</createdById><createdByName>Dev Hub Admin</createdByName><createdDate>${t}</createdDate>` +
      `<fileName>${xmlEscape(fileName)}</fileName><fullName>${xmlEscape(c.fullName)}</fullName>` +
      `<id>${randomId('0Hk', 18)}</id><lastModifiedById>${this.userId}</lastModifiedById>` +
      `<lastModifiedByName>Dev Hub Admin</lastModifiedByName><lastModifiedDate>${t}</lastModifiedDate>` +
      `<manageableState>unmanaged</manageableState><type>${c.type}</type>`
    );
  }

  private async metadata(
    op: SimOperation,
    soap: Record<string, unknown>,
    fault: Fault | undefined,
  ): Promise<{ status: number; body: string }> {
    const body = (soap.Body as Record<string, Record<string, unknown>>)[op];
    const fail = (code: string, msg: string) => ({ status: 500, body: soapFaultBody(code, msg) });
    if (op === 'listMetadata') {
      const queries = (body.queries as { type?: string }[] | undefined) ?? [];
      if (queries.length > 3) return fail('INVALID_TYPE', 'Too many queries in one listMetadata call: at most 3 are allowed');
      let out = '';
      for (const q of queries) {
        const type = q.type ?? '';
        if (!SIM_TYPES[type]) return fail('INVALID_TYPE', `Unknown type name '${type}' specified in ListMetadataQuery`);
        for (const c of this.components.filter((x) => x.type === type)) {
          out += `<result>${this.fileProperties(c, `${SIM_TYPES[type].folder}/${c.fullName}.${SIM_TYPES[type].suffix}`)}</result>`;
        }
      }
      return { status: 200, body: soapEnvelope(`<listMetadataResponse>${out}</listMetadataResponse>`) };
    }
    if (op === 'readMetadata') {
      const type = String(body.type ?? '');
      const names = (body.fullNames as string[] | undefined) ?? [];
      if (!SIM_TYPES[type]) return fail('INVALID_TYPE', `Unknown type name '${type}'`);
      if (names.length > 10) return fail('LIMIT_EXCEEDED', 'Too many fullNames: at most 10 are allowed in one readMetadata call');
      let out = '';
      for (const n of names) {
        const c = this.component(type, n);
        if (c) out += `<records xsi:type="${type}"><fullName>${xmlEscape(c.fullName)}</fullName>${innerXml(c.xml)}</records>`;
      }
      return { status: 200, body: soapEnvelope(`<readMetadataResponse><result>${out}</result></readMetadataResponse>`) };
    }
    if (op === 'retrieve') {
      const request = body.request as Record<string, unknown> | undefined;
      const unpackaged = request?.unpackaged as { types?: { name?: string; members?: string[] }[]; version?: string } | undefined;
      if (!unpackaged) return fail('INVALID_CROSS_REFERENCE_KEY', 'retrieve without unpackaged or packageNames is not supported by the simulator');
      const id = randomId('09S', 18);
      this.jobs.set(id, {
        id,
        types: (unpackaged.types ?? []).map((t) => ({ name: t.name ?? '', members: t.members ?? [] })),
        version: String(request?.apiVersion ?? unpackaged.version ?? this.maxApiVersion.toFixed(1)),
        polls: 0,
      });
      return {
        status: 200,
        body: soapEnvelope(`<retrieveResponse><result><done>false</done><id>${id}</id><state>Queued</state></result></retrieveResponse>`),
      };
    }
    if (op === 'deploy' || op === 'checkDeployStatus' || op === 'cancelDeploy') return this.deployOp(op, body, fail);
    // checkRetrieveStatus
    const id = String(body.asyncProcessId ?? '');
    const job = this.jobs.get(id);
    if (!job) return fail('INVALID_ID_FIELD', `Invalid retrieve id: ${id}`);
    job.polls++;
    if (job.polls <= this.retrievePollsBeforeDone) {
      return {
        status: 200,
        body: soapEnvelope(
          `<checkRetrieveStatusResponse><result><done>false</done><id>${id}</id><status>InProgress</status><success>false</success></result></checkRetrieveStatusResponse>`,
        ),
      };
    }
    if (fault?.kind === 'retrieveFailed') {
      return {
        status: 200,
        body: soapEnvelope(
          `<checkRetrieveStatusResponse><result><done>true</done><errorMessage>${xmlEscape(
            fault.message ?? 'An unexpected error occurred during the retrieve',
          )}</errorMessage><errorStatusCode>UNKNOWN_EXCEPTION</errorStatusCode><id>${id}</id><status>Failed</status><success>false</success></result></checkRetrieveStatusResponse>`,
        ),
      };
    }
    const { zip, props, messages } = await this.buildZip(job);
    return {
      status: 200,
      body: soapEnvelope(
        `<checkRetrieveStatusResponse><result><done>true</done>${props}<id>${id}</id>${messages}` +
          `<status>Succeeded</status><success>true</success><zipFile>${zip.toString('base64')}</zipFile></result></checkRetrieveStatusResponse>`,
      ),
    };
  }

  /** Records of a SOQL query on User, PermissionSet or Profile (undefined: not such a query). */
  private queryRecords(q: string): Record<string, unknown>[] | undefined {
    const from = /\bFROM\s+(\w+)/i.exec(q)?.[1]?.toLowerCase();
    const attrs = (type: string, id: string) => ({ type, url: `/services/data/v${this.maxApiVersion}.0/sobjects/${type}/${id}` });
    if (from === 'user') {
      const wanted = soqlInList(q, 'Username');
      const list = wanted ? this.users.filter((u) => wanted.some((w) => w.toLowerCase() === u.Username.toLowerCase())) : this.users;
      return list.map((u) => {
        const Id = u.Id ?? `005${u.Username.length.toString().padStart(12, '0')}AAA`;
        return { attributes: attrs('User', Id), Id, Username: u.Username, IsActive: u.IsActive };
      });
    }
    if (from === 'permissionset' || from === 'profile') {
      const all = from === 'profile' ? this.profiles : this.permissionSets;
      const wanted = soqlInList(q, 'Name');
      const type = from === 'profile' ? 'Profile' : 'PermissionSet';
      return all.filter((n) => !wanted || wanted.includes(n)).map((Name, i) => {
        const Id = `${from === 'profile' ? '00e' : '0PS'}${String(i).padStart(12, '0')}AAA`;
        return { attributes: attrs(type, Id), Id, Name };
      });
    }
    return undefined;
  }

  /** The apps this org has (headers among its components). */
  installedApps(): Set<string> {
    return new Set(this.components.filter((c) => c.type === 'ExternalClientApplication').map((c) => c.fullName));
  }

  private async deployOp(
    op: 'deploy' | 'checkDeployStatus' | 'cancelDeploy',
    body: Record<string, unknown>,
    fail: (code: string, msg: string) => { status: number; body: string },
  ): Promise<{ status: number; body: string }> {
    if (op === 'deploy') {
      const zip = String(body.ZipFile ?? '');
      const raw = (body.DeployOptions ?? {}) as Record<string, unknown>;
      const options: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) options[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
      const evaluation = await evaluateDeploy(zip, {
        installedApps: this.installedApps(),
        users: this.users,
        permissionSets: this.permissionSets,
        profiles: this.profiles,
        devHubOrgId15: this.devHubOrgId.slice(0, 15),
        types: SIM_TYPES,
      });
      const id = randomId('0Af', 18);
      const checkOnly = options.checkOnly === 'true';
      this.deploys.push({ id, options, checkOnly, evaluation, polls: 0, canceled: false });
      // A real deploy that succeeds changes the org: its apps are installed from then on.
      if (!checkOnly && !evaluation.errorMessage && evaluation.outcomes.every((o) => o.success)) {
        for (const m of evaluation.members) {
          const [type, fullName] = m.split(':');
          if (type === 'ExternalClientApplication' && !this.component(type, fullName)) this.components.push({ type, fullName, xml: '' });
        }
      }
      return { status: 200, body: soapEnvelope(`<deployResponse><result><done>false</done><id>${id}</id><state>Queued</state></result></deployResponse>`) };
    }
    const id = String(body.asyncProcessId ?? body.id ?? '');
    const job = this.deploys.find((d) => d.id === id);
    if (!job) return fail('INVALID_ID_FIELD', `Invalid deploy id: ${id}`);
    if (op === 'cancelDeploy') {
      job.canceled = true;
      return { status: 200, body: soapEnvelope(`<cancelDeployResponse><result><done>true</done><id>${id}</id></result></cancelDeployResponse>`) };
    }
    job.polls++;
    const head = `<checkOnly>${job.checkOnly}</checkOnly><createdBy>${this.userId}</createdBy><createdByName>Dev Hub Admin</createdByName><createdDate>2026-01-15T10:00:00.000Z</createdDate><id>${id}</id><ignoreWarnings>false</ignoreWarnings><rollbackOnError>true</rollbackOnError><runTestsEnabled>false</runTestsEnabled>`;
    if (job.canceled) {
      return { status: 200, body: soapEnvelope(`<checkDeployStatusResponse><result>${head}<done>true</done><status>Canceled</status><success>false</success></result></checkDeployStatusResponse>`) };
    }
    if (job.polls <= this.deployPollsBeforeDone) {
      return { status: 200, body: soapEnvelope(`<checkDeployStatusResponse><result>${head}<done>false</done><status>InProgress</status><success>false</success></result></checkDeployStatusResponse>`) };
    }
    const ev = job.evaluation;
    if (ev.errorMessage) {
      return { status: 200, body: soapEnvelope(`<checkDeployStatusResponse><result>${head}<done>true</done><errorMessage>${xmlEscape(ev.errorMessage)}</errorMessage><errorStatusCode>UNKNOWN_EXCEPTION</errorStatusCode><status>Failed</status><success>false</success></result></checkDeployStatusResponse>`) };
    }
    const failures = ev.outcomes.filter((o) => !o.success);
    const successes = ev.outcomes.filter((o) => o.success);
    const t = '2026-01-15T10:00:00.000Z';
    const one = (o: (typeof ev.outcomes)[number], tag: string) =>
      `<${tag}><changed>${!job.checkOnly && o.success}</changed>${o.columnNumber !== undefined ? `<columnNumber>${o.columnNumber}</columnNumber>` : ''}` +
      `<componentType>${xmlEscape(o.componentType)}</componentType><created>false</created><createdDate>${t}</createdDate><deleted>false</deleted>` +
      `<fileName>${xmlEscape(o.fileName)}</fileName><fullName>${xmlEscape(o.fullName)}</fullName>` +
      (o.lineNumber !== undefined ? `<lineNumber>${o.lineNumber}</lineNumber>` : '') +
      (o.problem ? `<problem>${xmlEscape(o.problem)}</problem><problemType>${o.problemType ?? 'Error'}</problemType>` : '') +
      `<success>${o.success}</success></${tag}>`;
    const details = failures.map((o) => one(o, 'componentFailures')).join('') + successes.map((o) => one(o, 'componentSuccesses')).join('');
    const ok = failures.length === 0;
    return {
      status: 200,
      body: soapEnvelope(
        `<checkDeployStatusResponse><result>${head}<completedDate>${t}</completedDate><details>${details}</details><done>true</done>` +
          `<numberComponentErrors>${failures.length}</numberComponentErrors><numberComponentsDeployed>${ok ? successes.length : 0}</numberComponentsDeployed>` +
          `<numberComponentsTotal>${ev.outcomes.length}</numberComponentsTotal><numberTestErrors>0</numberTestErrors><numberTestsCompleted>0</numberTestsCompleted><numberTestsTotal>0</numberTestsTotal>` +
          `<status>${ok ? 'Succeeded' : 'Failed'}</status><success>${ok}</success></result></checkDeployStatusResponse>`,
      ),
    };
  }

  private async buildZip(job: RetrieveJob): Promise<{ zip: Buffer; props: string; messages: string }> {
    const root = this.zipMode === 'noRoot' ? '' : 'unpackaged/';
    const zip = new JSZip();
    const picked: SeedComponent[] = [];
    let messages = '';
    for (const t of job.types) {
      for (const m of t.members) {
        const found = m === '*' ? this.components.filter((c) => c.type === t.name) : this.components.filter((c) => c.type === t.name && c.fullName === m);
        if (found.length === 0 && m !== '*') {
          messages += `<messages><fileName>unpackaged/package.xml</fileName><problem>Entity of type '${xmlEscape(t.name)}' named '${xmlEscape(m)}' cannot be found</problem></messages>`;
        }
        for (const c of found) if (!picked.includes(c)) picked.push(c);
      }
    }
    // A misbehaving answer: more than was asked for (e.g. the global OAuth settings with the secret).
    const apps = new Set(picked.filter((c) => c.type === 'ExternalClientApplication').map((c) => c.fullName));
    for (const type of this.answerAlsoWith) {
      for (const c of this.components.filter((x) => x.type === type)) {
        const app = /<externalClientApplication>([^<]*)</.exec(c.xml)?.[1];
        if (app && apps.has(app) && !picked.includes(c)) picked.push(c);
      }
    }
    let props = '';
    const byType = new Map<string, string[]>();
    for (const c of picked) {
      const info = SIM_TYPES[c.type];
      const fileName = `${root}${info.folder}/${c.fullName}.${info.suffix}`;
      zip.file(fileName, c.xml, { compression: this.zipMode === 'badCrc' ? 'STORE' : 'DEFLATE' });
      props += `<fileProperties>${this.fileProperties(c, `unpackaged/${info.folder}/${c.fullName}.${info.suffix}`)}</fileProperties>`;
      byType.set(c.type, [...(byType.get(c.type) ?? []), c.fullName]);
    }
    let pkg = `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${META_NS}">\n`;
    for (const [type, members] of [...byType.entries()].sort()) {
      pkg += '    <types>\n';
      for (const m of members.sort()) pkg += `        <members>${xmlEscape(m)}</members>\n`;
      pkg += `        <name>${type}</name>\n    </types>\n`;
    }
    pkg += `    <version>${job.version}</version>\n</Package>\n`;
    zip.file(`${root}package.xml`, pkg);
    props += `<fileProperties><createdById>${this.userId}</createdById><createdByName>Dev Hub Admin</createdByName><createdDate>2026-01-15T10:00:00.000Z</createdDate><fileName>unpackaged/package.xml</fileName><fullName>unpackaged/package.xml</fullName><id></id><lastModifiedById>${this.userId}</lastModifiedById><lastModifiedByName>Dev Hub Admin</lastModifiedByName><lastModifiedDate>2026-01-15T10:00:00.000Z</lastModifiedDate><manageableState>unmanaged</manageableState><type>Package</type></fileProperties>`;
    let buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    if (this.zipMode === 'garbage') buf = randomBytes(600);
    else if (this.zipMode === 'truncated') buf = buf.subarray(0, Math.floor(buf.length / 2));
    else if (this.zipMode === 'badCrc') {
      // Flip one content byte of the first stored file entry with data: its CRC no longer matches.
      buf = Buffer.from(buf);
      let off = 0;
      while (off + 30 <= buf.length && buf.readUInt32LE(off) === 0x04034b50) {
        const size = buf.readUInt32LE(off + 18);
        const dataStart = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
        if (size > 20) {
          buf[dataStart + 10] ^= 0x20;
          break;
        }
        off = dataStart + size;
      }
    }
    return { zip: buf, props, messages };
  }
}

export async function startOrgSim(options: OrgSimOptions = {}): Promise<OrgSim> {
  return new OrgSim(options).start();
}
