// Drives the workbench as a person would (no test API): open an ECA file through Quick Open,
// wait for the red squiggles, hover one, open the Problems panel, open the External Client Apps
// view and its environment matrix, and take screenshots.
// Each step is recorded like a test so the runner can count and report it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, log, workbenchUrl } from './code-server.mjs';

// In examples/: its scopes are protocol tokens (`api, refresh_token`), a deliberate mistake.
const FILE = 'Acme_Portal_oauth.ecaOauth-meta.xml';
// Opened first, so the Problems panel lists all three kinds of deliberate mistakes.
const OTHER_FILES = [
  ['Acme_Erp_Sync.eca-meta.xml', 'Acme_Erp_Sync.eca-meta.xml'],
  ['prod/extlClntAppOauthPolicies/Acme_Portal_oauthPlcy', 'Acme_Portal_oauthPlcy.ecaOauthPlcy-meta.xml'],
];

/** Runs one step and records it like a test in `results` (a failing step rethrows: the rest do not run). */
/** Quick Open (Ctrl+P) `query`, pick the row naming `fileName`, and wait until its editor tab is active. */
export async function openByQuickOpen(page, query, fileName = query) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget:not(.hidden) input');
  await page.keyboard.type(query);
  // Click the row naming the file (Enter would open whichever row is focused while the list still filters).
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`).first().click();
  await page.waitForSelector(`.tab.active[data-resource-name="${fileName}"]`);
}

export function stepRecorder(suite, results) {
  return async (title, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ suite, title, state: 'passed', durationMs: Date.now() - t0 });
    } catch (err) {
      results.push({ suite, title, state: 'failed', error: String(err?.stack ?? err) });
      throw err;
    }
  };
}

const MARKER_HOVER = '.monaco-hover .marker.hover-contents, .monaco-hover-content .marker';

/**
 * Shows the hover of a squiggle in the active editor, as a person would: the mouse on the squiggle
 * (moved off and back on when the first move landed while the editor was still laying out, or under
 * a notification), then the keyboard's Show Hover with the cursor on it. Each try waits on the
 * hover's own element, all within one deadline.
 */
async function showSquiggleHover(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const squiggles = page.locator('.editor-group-container.active .monaco-editor .squiggly-error');
  const hoverShown = (ms) => page.waitForSelector(MARKER_HOVER, { timeout: ms }).then(() => true, () => false);
  let tries = 0;
  while (Date.now() < deadline) {
    const count = await squiggles.count();
    for (let i = 0; i < count && Date.now() < deadline; i++) {
      const box = await squiggles.nth(i).boundingBox();
      if (!box || box.width === 0) continue;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      tries++;
      await page.mouse.move(x, Math.max(0, y - 200));
      await page.mouse.move(x, y, { steps: 5 });
      if (await hoverShown(5_000)) return;
      // The keyboard's Show Hover (Ctrl+K Ctrl+I) at the squiggle: no dependence on the pointer.
      await page.mouse.click(x, y);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      if (await hoverShown(5_000)) return;
    }
    if (count === 0) await page.waitForSelector('.editor-group-container.active .monaco-editor .squiggly-error', { timeout: Math.max(1, deadline - Date.now()) });
  }
  throw new Error(`no hover appeared on a squiggle after ${tries} tries`);
}

export async function driveUi({ server, folder, screenshots, timeoutMs = 120_000 }) {
  mkdirSync(screenshots, { recursive: true });
  const results = [];
  const facts = { screenshots: [] };
  const browser = await launchBrowser();
  const step = stepRecorder('UI', results);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(timeoutMs);
    const shot = async (name) => {
      const p = join(screenshots, name);
      await page.screenshot({ path: p });
      facts.screenshots.push(p);
      log('screenshot', p);
    };
    await step('the workbench opens the examples folder', async () => {
      await page.goto(workbenchUrl(server, folder));
      await page.waitForSelector('.monaco-workbench .part.statusbar');
      await page.waitForSelector('.explorer-folders-view .monaco-list-row');
    });
    await step('the ECA status-bar item shows the language server running', async () => {
      // `$(pass)`/`$(error)` icons render as codicons; the item's accessible label names the server.
      await page.waitForSelector('.statusbar-item[aria-label*="ECA language server is running"]');
    });
    await step('before any file is opened, the status bar counts the example\'s four errors (every workspace file is checked)', async () => {
      await page.waitForSelector('.statusbar-item[aria-label*="ECA language server is running: 4 errors"]');
    });
    const quickOpen = async (query, fileName) => {
      await openByQuickOpen(page, query, fileName);
      await page.waitForSelector('.monaco-editor .squiggly-error');
    };
    await step('Quick Open opens the files with deliberate mistakes and red squiggles appear', async () => {
      await page.locator('.monaco-workbench .part.editor').click();
      for (const [query, name] of OTHER_FILES) await quickOpen(query, name);
      await quickOpen(FILE, FILE);
      await shot('editor-squiggles.png');
    });
    await step('hovering a squiggle shows the rule and its explanation', async () => {
      await showSquiggleHover(page, timeoutMs);
      const hoverText = await page.locator('.monaco-hover').first().innerText();
      if (!/eca/.test(hoverText)) throw new Error(`hover does not name the eca source: ${hoverText}`);
      await shot('hover-diagnostic.png');
    });
    await step('the Problems panel lists the ECA problems', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row');
      const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      const text = rows.join('\n');
      for (const code of ['invalid-scope', 'invalid-enum', 'invalid-boolean']) {
        if (!text.includes(code)) throw new Error(`Problems panel lacks ${code}:\n${text}`);
      }
      facts.problemRows = rows.length;
      await shot('problems-panel.png');
    });
    // The External Client Apps view container: which org receives what, and where it drifts.
    const viewRow = (text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text });
    await step('the Environments view shows every environment and what it receives', async () => {
      await page.keyboard.press('Control+J'); // the panel gives the editor its room back
      await page.waitForSelector('.part.panel', { state: 'hidden' }).catch(() => {});
      // The activity-bar icon; when the bar has no room for it (it then sits in the overflow menu),
      // the view's own palette command, as a person would.
      const icon = page.locator('.part.activitybar .action-item .action-label[aria-label^="External Client Apps"]');
      const clicked = await icon.click({ timeout: 15_000 }).then(() => true, () => false);
      if (!clicked) {
        await page.keyboard.press('Control+Shift+P');
        await page.waitForSelector('.quick-input-widget:not(.hidden) input');
        await page.keyboard.type('Focus on Environments View');
        await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Environments"]');
        await page.keyboard.press('Enter');
      }
      await viewRow('default').first().waitFor();
      // A wider side bar, so the descriptions (key settings) are readable: drag its sash.
      const bar = await page.locator('.part.sidebar').boundingBox();
      const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height }; }));
      const sash = bar && sashes.filter((x) => x.h > 100).sort((a, b) => Math.abs(a.x - (bar.x + bar.width)) - Math.abs(b.x - (bar.x + bar.width)))[0];
      if (sash) {
        await page.mouse.move(sash.x, sash.y);
        await page.mouse.down();
        await page.mouse.move(sash.x + 420, sash.y, { steps: 10 });
        await page.mouse.up();
      }
      for (const env of ['prod', 'uat', 'default']) {
        await viewRow(env).first().click();
        await viewRow('Acme_Erp_Sync').nth(['prod', 'uat', 'default'].indexOf(env)).waitFor();
      }
      // prod → Acme_Erp_Sync: the file production lacks.
      await viewRow('Acme_Erp_Sync').first().click();
      await viewRow('Acme_Erp_Sync_oauthPlcy').first().waitFor();
      const text = (await page.locator('.part.sidebar').innerText()).replace(/\s+/g, ' ');
      for (const want of ['prod', 'production', 'uat', 'default', 'Acme_Portal', 'Acme_Erp_Sync', '1 missing', 'run-as integration.portal@acme.example.com.uat']) {
        if (!text.includes(want)) throw new Error(`the Environments view lacks '${want}':\n${text}`);
      }
      await shot('environments-view.png');
    });
    await step('the environment matrix highlights drift', async () => {
      await page.locator('.part.sidebar .action-label[aria-label="Show Environment Matrix"]').first().click();
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await frame.locator('tr.row.drift').first().waitFor();
      const drift = await frame.locator('tr.row.drift th.label').allInnerTexts();
      if (!drift.some((t) => t.includes('IP relaxation'))) throw new Error(`no IP relaxation drift in the matrix: ${drift.join(' | ')}`);
      await page.keyboard.press('Control+B'); // the whole width for the table
      await page.waitForSelector('.part.sidebar', { state: 'hidden' }).catch(() => {});
      await shot('environment-matrix.png');
    });
    await step('the environment matrix has a Security section per app', async () => {
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const header = frame.locator('tr.eca.security').first();
      await header.waitFor();
      const labels = await frame.locator('tr.row.security th.label').allInnerTexts();
      for (const want of ['PKCE required', 'Refresh token', 'IP relaxation', 'Security findings']) {
        if (!labels.some((t) => t.includes(want))) throw new Error(`the Security section lacks '${want}': ${labels.join(' | ')}`);
      }
      // The section's first row just below the sticky column header.
      await header.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60));
      await shot('environment-matrix-security.png');
    });
  } catch {
    // the failing step is recorded; remaining steps are reported as not run
  } finally {
    await browser.close().catch(() => {});
  }
  const failures = results.filter((r) => r.state === 'failed').length;
  return {
    suite: 'ui',
    stats: { tests: results.length, passes: results.length - failures, failures, pending: 0 },
    results,
    facts,
  };
}
