// Drives the workbench as a person would (no test API): open an ECA file through Quick Open,
// wait for the red squiggles, hover one, open the Problems panel, and take screenshots.
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

export async function driveUi({ server, folder, screenshots, timeoutMs = 120_000 }) {
  mkdirSync(screenshots, { recursive: true });
  const results = [];
  const facts = { screenshots: [] };
  const browser = await launchBrowser();
  const step = async (title, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ suite: 'UI', title, state: 'passed', durationMs: Date.now() - t0 });
    } catch (err) {
      results.push({ suite: 'UI', title, state: 'failed', error: String(err?.stack ?? err) });
      throw err;
    }
  };
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
    const quickOpen = async (query, fileName) => {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget:not(.hidden) input');
      await page.keyboard.type(query);
      await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.tab.active[data-resource-name="${fileName}"]`);
      await page.waitForSelector('.monaco-editor .squiggly-error');
    };
    await step('Quick Open opens the files with deliberate mistakes and red squiggles appear', async () => {
      await page.locator('.monaco-workbench .part.editor').click();
      for (const [query, name] of OTHER_FILES) await quickOpen(query, name);
      await quickOpen(FILE, FILE);
      await shot('editor-squiggles.png');
    });
    await step('hovering a squiggle shows the rule and its explanation', async () => {
      // The squiggle is a decoration under the text layer: point the mouse at its middle.
      const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
      if (!box) throw new Error('the squiggle has no box');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForSelector('.monaco-hover .marker.hover-contents, .monaco-hover-content .marker');
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
