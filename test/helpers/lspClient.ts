// A minimal LSP client for tests: spawns the BUILT server (dist/server.js --stdio) and speaks
// JSON-RPC over its stdio, exactly as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Diag { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; source: string; message: string }

export const SERVER = resolve(__dirname, '../../../dist/server.js');
export const uriOf = (p: string) => pathToFileURL(p).toString();

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diag[] }>();
  private waiters: { uri: string; pred: (d: Diag[]) => boolean; resolve: (d: Diag[]) => void }[] = [];
  /** Re-evaluated on every message from the server (a publication, a log line, any notification). */
  private watchers = new Set<() => void>();
  readonly logs: string[] = [];
  /** Extra observers of every publishDiagnostics (jsonrpc allows one handler per method). */
  readonly onPublish: ((p: { uri: string; version?: number; diagnostics: Diag[] }) => void)[] = [];
  config: Record<string, unknown> = {};

  /** `args`: more arguments of the server after --stdio (e.g. --remote-fs). */
  constructor(env: NodeJS.ProcessEnv = process.env, args: readonly string[] = []) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.proc.stderr!.on('data', (d) => { this.logs.push(String(d)); this.wake(); });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      for (const f of this.onPublish) f(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p.diagnostics)) { w.resolve(p.diagnostics); return false; }
        return true;
      });
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); this.wake(); });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.config));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  /**
   * `workspace`: more workspace client capabilities (e.g. `{ codeLens: { refreshSupport: true } }`);
   * `rootUri`: the folder's URI when it is not the file: URI of `rootPath` (a virtual workspace's).
   */
  async initialize(rootPath: string | null, workspace: Record<string, unknown> = {}, rootUri = rootPath ? uriOf(rootPath) : null): Promise<unknown> {
    const res = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...workspace }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    });
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  private wake(): void {
    for (const w of [...this.watchers]) w();
  }

  /**
   * Resolves once `check()` holds, re-checking on every message the server sends (never on a timer);
   * one deadline. `what` names the awaited state in the error, `last` adds what was seen instead.
   * Call `notify()` after a test-side event (e.g. a custom notification handler) to re-check.
   */
  until(check: () => boolean, what: string, timeoutMs = 20000, last: () => string = () => ''): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolveP, reject) => {
      const watcher = () => {
        if (!check()) return;
        this.watchers.delete(watcher);
        clearTimeout(timer);
        resolveP();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last() ? `; last: ${last()}` : ''}`));
      }, timeoutMs);
      this.watchers.add(watcher);
    });
  }

  /** Re-evaluates every pending `until` (for state a test records from its own notification handlers). */
  notify(): void {
    this.wake();
  }

  /** Resolves when the server logs a line matching `re`. */
  waitForLog(re: RegExp, timeoutMs = 20000): Promise<void> {
    return this.until(() => this.logs.some((l) => re.test(l)), `a log line ${re}`, timeoutMs, () => this.logs.join('\n'));
  }

  /** Resolves when the server logs that the workspace scan finished. */
  indexed(timeoutMs = 20000): Promise<void> {
    return this.waitForLog(/^indexed /, timeoutMs);
  }

  open(path: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(path), languageId: 'xml', version, text } });
  }

  change(path: string, text: string, version: number): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(path), version }, contentChanges: [{ text }] });
  }

  close(path: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(path) } });
  }

  /** Wait for diagnostics on `path` satisfying `pred` (default: any publication). */
  waitForDiagnostics(path: string, pred: (d: Diag[]) => boolean = () => true, timeoutMs = 10000): Promise<Diag[]> {
    const uri = uriOf(path);
    const have = this.diagnostics.get(uri);
    if (have && pred(have.diagnostics)) return Promise.resolve(have.diagnostics);
    return new Promise((resolveP, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for diagnostics on ${path}; last: ${JSON.stringify(this.diagnostics.get(uri))}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (d) => { clearTimeout(timer); resolveP(d); } });
    });
  }

  /** Answer the server's requests of `method` (as the extension answers eca/fs/*, say). */
  onRequest<P, R>(method: string, handler: (params: P) => R | Promise<R>): void {
    this.conn.onRequest(method, handler);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch { /* already gone */ }
    await new Promise((r) => { if (this.proc.exitCode !== null) r(null); else { this.proc.once('exit', r); setTimeout(() => { this.proc.kill('SIGKILL'); r(null); }, 2000); } });
    this.conn.dispose();
  }
}
