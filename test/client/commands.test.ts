// The command table and the manifest agree: every command of client/src/commands/catalogue.ts is
// contributed with the same title, icon and trust requirement, palette visibility matches, and
// every `command:` link in the welcome views and the walkthrough names a command that exists.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { assertEvery } from '../helpers/assert';
import { COMMAND_CATALOGUE, COMMAND_IDS, DESKTOP_ONLY_WHEN, type CommandInfo } from '../../client/src/commands/catalogue';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributed: { command: string; title: string; category?: string; icon?: string; enablement?: string }[] = pkg.contributes.commands;

test('package.json contributes exactly the commands of the table, with its titles, icons and trust', () => {
  assert.deepEqual(contributed.map((c) => c.command).sort(), [...COMMAND_IDS].sort());
  for (const c of contributed) {
    const info: CommandInfo = COMMAND_CATALOGUE[c.command as keyof typeof COMMAND_CATALOGUE];
    assert.equal(c.title, info.title, `${c.command} title`);
    assert.equal(c.category, 'ECA', `${c.command} category`);
    assert.equal(c.icon, info.icon, `${c.command} icon`);
    assert.equal(c.enablement === 'isWorkspaceTrusted', info.requiresTrust === true, `${c.command} enablement`);
  }
});

test('commands that only work on a tree node are hidden from the palette, and only those', () => {
  const hidden = (pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command).sort();
  assert.deepEqual(hidden, COMMAND_IDS.filter((id) => (COMMAND_CATALOGUE[id] as CommandInfo).palette === false).sort());
});

test('commands that need a process or an org are hidden in the browser and in a virtual workspace, in every menu', () => {
  const desktopOnly = COMMAND_IDS.filter((id) => (COMMAND_CATALOGUE[id] as CommandInfo).desktopOnly);
  assert.ok(desktopOnly.length >= 3, `only ${desktopOnly.length} desktop-only commands`);
  assert.match(DESKTOP_ONLY_WHEN, /^!virtualWorkspace && /);
  const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
  for (const [where, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
    for (const e of entries.filter((x) => (desktopOnly as string[]).includes(x.command) && x.when !== 'false')) {
      const when = e.when ?? '';
      assert.ok(when === DESKTOP_ONLY_WHEN || when.endsWith(` && ${DESKTOP_ONLY_WHEN}`), `${where}: ${e.command} when "${when}"`);
    }
  }
  for (const id of desktopOnly.filter((x) => (COMMAND_CATALOGUE[x] as CommandInfo).palette !== false)) {
    assert.deepEqual(palette.filter((m) => m.command === id).map((m) => m.when), [DESKTOP_ONLY_WHEN], id);
    // The manifest's virtual-workspace note names what is hidden there (the Extensions view shows it).
    const title = (COMMAND_CATALOGUE[id] as CommandInfo).title.replace(/…$/, '').replace(/ \(.*\)$/, '');
    assert.ok(pkg.capabilities.virtualWorkspaces.description.includes(title), `capabilities.virtualWorkspaces.description names ${title}`);
  }
});

test('every menu entry names a command of the table', () => {
  for (const [where, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
    for (const e of entries) assert.ok((COMMAND_IDS as string[]).includes(e.command), `${where}: ${e.command}`);
  }
});

/** `command:` links in Markdown text (welcome content, walkthrough descriptions). */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
}

const WORKBENCH = ['workbench.action.openSettings', 'workbench.action.openWalkthrough'];

test('welcome views offer New / Retrieve / Migrate; every command link exists', () => {
  const welcome: { view: string; contents: string; when?: string }[] = pkg.contributes.viewsWelcome;
  for (const view of ['eca.environments', 'eca.apps']) {
    const entries = welcome.filter((x) => x.view === view);
    assert.ok(entries.length, `${view} has welcome content`);
    const links = entries.flatMap((w) => commandLinks(w.contents));
    for (const id of ['eca.newExternalClientApp', 'eca.retrieveFromDevHub', 'eca.migrateConnectedApp']) assert.ok(links.includes(id), `${view} offers ${id}`);
    for (const id of links) assert.ok((COMMAND_IDS as string[]).includes(id) || WORKBENCH.includes(id), `${view}: ${id}`);
  }
  // The setting the message names is a link that opens it.
  const envText = welcome.filter((x) => x.view === 'eca.environments').map((w) => w.contents).join('\n');
  assert.match(envText, /\[eca\.productionAliases\]\(command:workbench\.action\.openSettings\?%5B%22eca\.productionAliases%22%5D\)/);
  // The walkthrough link names this extension's walkthrough.
  const walk = `${pkg.publisher}.${pkg.name}#${pkg.contributes.walkthroughs[0].id}`;
  assert.ok(envText.includes(encodeURIComponent(JSON.stringify(walk))), walk);
});

test('a welcome link or walkthrough step to a command that needs a process or an org shows only where it can run (DESKTOP_ONLY_WHEN)', () => {
  const desktopOnly = COMMAND_IDS.filter((id) => (COMMAND_CATALOGUE[id] as CommandInfo).desktopOnly);
  const gated: { where: string; text: string; when?: string }[] = [
    ...(pkg.contributes.viewsWelcome as { view: string; contents: string; when?: string }[]).map((w) => ({ where: w.view, text: w.contents, when: w.when })),
    ...(pkg.contributes.walkthroughs[0].steps as { id: string; description: string; when?: string }[]).map((s) => ({ where: `walkthrough ${s.id}`, text: s.description, when: s.when })),
  ];
  const linking = gated.filter((g) => commandLinks(g.text).some((id) => (desktopOnly as string[]).includes(id)));
  assert.ok(linking.length >= 3, 'the welcome views link Retrieve, the walkthrough Log In');
  for (const g of linking) {
    assert.equal(g.when, DESKTOP_ONLY_WHEN, `${g.where} links a desktop-only command`);
    assertEvery(commandLinks(g.text), (id) => (desktopOnly as string[]).includes(id), `${g.where}: only desktop-only links behind the gate`);
  }
});

test('the Get Started walkthrough: four steps in order, their links and media exist and ship', () => {
  const [w] = pkg.contributes.walkthroughs;
  assert.equal(w.id, 'eca.getStarted');
  assert.deepEqual(w.steps.map((s: { id: string }) => s.id), ['logIn', 'productionAliases', 'matrix', 'ci']);
  const shipped = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  for (const s of w.steps) {
    for (const id of commandLinks(s.description)) assert.ok((COMMAND_IDS as string[]).includes(id) || WORKBENCH.includes(id), `${s.id}: ${id}`);
    assert.ok(existsSync(path.join(ROOT, s.media.markdown)), s.media.markdown);
    assert.ok(shipped.includes(`!${path.dirname(s.media.markdown)}/**`), `${s.media.markdown} is shipped in the .vsix`);
    for (const ev of s.completionEvents) {
      const cmd = /^onCommand:(.+)$/.exec(ev)?.[1];
      if (cmd) assert.ok((COMMAND_IDS as string[]).includes(cmd), `${s.id}: ${ev}`);
    }
  }
});

test('the view container shows only in SFDX projects: every view is gated on the context key activation sets', () => {
  const src = readFileSync(path.join(ROOT, 'client/src/start.ts'), 'utf8');
  const key = /SFDX_CONTEXT_KEY = '([^']+)'/.exec(src)?.[1];
  assert.equal(key, 'eca.sfdxProject');
  for (const v of pkg.contributes.views['eca-explorer']) assert.equal(v.when, key, v.id);
});
