// The `web` phase: the packaged .vsix in the web workbench with the extension forced into the
// web worker extension host (user setting remote.extensionKind = ["web"]), as on vscode.dev and
// github.dev: the browser build (package.json `browser`, the language server in a web worker that
// reads the workspace through vscode.workspace.fs). Driven as a person would, on a copy of
// examples/: the four errors in Problems, a quick fix, the header's CodeLenses (flip, receiving
// orgs), the Environments view; the commands that need an org are not offered. Each step is recorded like a test (see ui.mjs).
import { launchBrowser, log, workbenchUrl } from './code-server.mjs';
import { openByQuickOpen, stepRecorder } from './ui.mjs';

const FILE = 'Acme_Portal_oauth.ecaOauth-meta.xml';
/** The example's deliberate mistakes (examples/README.md): four errors. */
const ERROR_CODES = ['invalid-scope', 'invalid-scope', 'invalid-enum', 'invalid-boolean'];

export async function driveWeb({ server, folder, timeoutMs = 120_000 }) {
  const results = [];
  const facts = {};
  const browser = await launchBrowser();
  const step = stepRecorder('Web worker host', results);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(timeoutMs);
    const fetched = [];
    page.on('request', (r) => fetched.push(decodeURIComponent(r.url())));
    const palette = async (text) => {
      await page.keyboard.press('Control+Shift+P');
      await page.waitForSelector('.quick-input-widget:not(.hidden) input');
      await page.keyboard.type(text);
    };
    await step('the workbench opens the examples folder and the ECA language server runs', async () => {
      await page.goto(workbenchUrl(server, folder));
      await page.waitForSelector('.monaco-workbench .part.statusbar');
      await page.waitForSelector('.statusbar-item[aria-label*="ECA language server is running"]');
    });
    await step('the extension runs its browser build in the web worker host (the org commands are not offered)', async () => {
      // The web worker host loads the `browser` entry, whose language server is a Worker of dist/browser/server.js.
      const browserEntry = fetched.filter((u) => /dist\/browser\/(extension|server)\.js/.test(u));
      facts.browserBundlesFetched = browserEntry.length;
      if (!browserEntry.some((u) => u.includes('dist/browser/extension.js'))) throw new Error(`the browser entry was not loaded; fetched:\n${fetched.filter((u) => u.includes('eca-tools')).join('\n')}`);
      await page.locator('.monaco-workbench .part.editor').click();
      await palette('ECA: ');
      await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Show Language Server Log"]');
      const offered = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).join('\n');
      facts.paletteEntries = offered.split('\n').filter((l) => l.includes('ECA')).length;
      for (const hidden of ['Verify Against Org', 'Retrieve External Client App', 'Log In to DevHub']) {
        if (offered.includes(hidden)) throw new Error(`'${hidden}' is offered in the browser:\n${offered}`);
      }
      await page.keyboard.press('Escape');
    });
    await step("the example's four errors appear in Problems", async () => {
      await page.waitForSelector('.statusbar-item[aria-label*="ECA language server is running: 4 errors"]');
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row');
      // Each marker row names its rule id (source eca, the code a link to the rule); wait until the list holds the four.
      await page.waitForFunction((codes) => {
        const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent ?? '');
        const seen = rows.map((r) => codes.find((c) => r.includes(c))).filter(Boolean).sort().join(',');
        return seen === [...codes].sort().join(',');
      }, ERROR_CODES);
      await page.keyboard.press('Control+J');
    });
    await step('a quick fix applies (the protocol scope token becomes its metadata name)', async () => {
      await openByQuickOpen(page, FILE);
      await page.waitForSelector('.monaco-editor .squiggly-error');
      const before = await page.locator('.monaco-editor .squiggly-error').count();
      const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
      if (!box) throw new Error('the squiggle has no box');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: /Replace|Write|Use|Api|RefreshToken/ }).first();
      await fix.waitFor();
      facts.quickFix = (await fix.innerText()).trim();
      await fix.click();
      await page.waitForFunction((n) => document.querySelectorAll('.monaco-editor .squiggly-error').length < n, before);
      await page.waitForSelector('.statusbar-item[aria-label*="ECA language server is running: 3 errors"]');
      const text = await page.locator('.monaco-editor .view-lines').first().innerText();
      if (!/Api|RefreshToken/.test(text)) throw new Error(`the fix did not change the scopes:\n${text}`);
    });
    await step('an ECA header shows its CodeLenses: the flip and the orgs that receive it', async () => {
      await openByQuickOpen(page, 'Acme_Portal.eca-meta.xml');
      await page.waitForFunction(() => {
        const t = [...document.querySelectorAll('.monaco-editor .codelens-decoration')].map((e) => e.textContent ?? '').join(' | ');
        return /flip to/.test(t) && /(received by|every org)/.test(t);
      });
      facts.headerLenses = await page.evaluate(() => [...document.querySelectorAll('.monaco-editor .codelens-decoration')].map((e) => e.textContent ?? '').join(' | '));
    });
    await step('the Environments view lists the environments', async () => {
      const icon = page.locator('.part.activitybar .action-item .action-label[aria-label^="External Client Apps"]');
      const clicked = await icon.click({ timeout: 15_000 }).then(() => true, () => false);
      if (!clicked) {
        await palette('Focus on Environments View');
        await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Environments"]');
        await page.keyboard.press('Enter');
      }
      const row = (text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
      for (const env of ['prod', 'uat', 'default']) await row(env).waitFor();
      const text = (await page.locator('.part.sidebar').innerText()).replace(/\s+/g, ' ');
      for (const want of ['prod', 'uat', 'default', 'production']) if (!text.includes(want)) throw new Error(`the Environments view lacks '${want}':\n${text}`);
    });
  } catch {
    // the failing step is recorded; remaining steps are reported as not run
  } finally {
    await browser.close().catch(() => {});
  }
  log('web:', JSON.stringify(facts));
  const failures = results.filter((r) => r.state === 'failed').length;
  return { suite: 'web', stats: { tests: results.length, passes: results.length - failures, failures, pending: 0 }, results, facts };
}
