// End to end (issue 18): the way in and the safe defaults, in the real VS Code. The Get Started
// walkthrough opens from the Welcome page's command; the pickers' default selections, built from
// the language server's real answers for this workspace, are the safe ones; and the status bar,
// the activity badge and the Problems panel count the same problems.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTHORING_METHODS, type ContextAnswer, type FlipAnswer } from '../../../server/src/lsp/authoringProtocol';
import { flipItems } from '../../../client/src/commands/flipDistributionState';
import { examplePlaceholder } from '../../../client/src/commands/newExternalClientApp';
import { envItems } from '../../../client/src/commands/scaffoldPolicies';
import { countEcaProblems } from '../../../client/src/status';
import { activeApi, EXTENSION_ID, fixtureUri, open, waitForEvent } from './helpers';
import { assertEvery } from '../../helpers/assert';

const CLEAN = 'force-app/main/default/externalClientApps/Clean_App.eca-meta.xml';
const BROKEN = 'force-app/main/default/externalClientApps/Broken_App.eca-meta.xml';

suite('Welcome and safe defaults', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Get Started walkthrough is contributed and opens in the Welcome page', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walk] = ext.packageJSON.contributes.walkthroughs;
    assert.equal(walk.id, 'eca.getStarted');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const welcomeTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /welcome|get started/i.test(t.label));
    const shown = waitForEvent(vscode.window.tabGroups.onDidChangeTabs, welcomeTab, 'the Welcome page with the walkthrough');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#eca.getStarted`, false);
    const tab = welcomeTab() ?? (await shown);
    assert.ok(tab, 'a Welcome tab is open');
  });

  test('status bar, activity badge and Problems count the same problems', async function () {
    this.timeout(120_000);
    const api = await activeApi();
    await open(BROKEN);
    const agree = () => {
      const c = countEcaProblems();
      const badge = api.views.appsView.badge;
      const statusOk = api.status.text.includes(`$(error) ${c.errors} $(warning) ${c.warnings}`);
      return c.errors > 0 && statusOk && badge?.value === c.errors + c.warnings ? { c, badge } : undefined;
    };
    // Re-check on either event: the status bar's redraw or the server's summary.
    const either = new vscode.EventEmitter<void>();
    const subs = [api.status.onDidUpdate(() => either.fire()), api.problems.onDidChange(() => either.fire())];
    const agreeSummary = () => {
      const r = agree();
      return r && api.problems.summary && api.problems.summary.total.errors === r.c.errors ? r : undefined;
    };
    let got: { c: ReturnType<typeof countEcaProblems>; badge: vscode.ViewBadge | undefined };
    try {
      got = agreeSummary() ?? (await waitForEvent(either.event, agreeSummary, 'status bar, badge and summary agreeing with Problems'));
    } finally {
      subs.forEach((d) => d.dispose());
      either.dispose();
    }
    const { c, badge } = got;
    // The badge's tooltip accounts for every counted problem, app by app.
    assert.match(badge!.tooltip, new RegExp(`^${c.errors} errors? and ${c.warnings} warnings? in External Client App files`));
    const listed = [...badge!.tooltip.matchAll(/: (\d+) errors?(?:, (\d+) warnings?)?|: (\d+) warnings?/g)]
      .reduce((n, m) => n + Number(m[1] ?? 0) + Number(m[2] ?? 0) + Number(m[3] ?? 0), 0);
    assert.equal(listed, c.errors + c.warnings, `every counted problem is listed: ${badge!.tooltip}`);
    assert.match(badge!.tooltip, /Broken_App: \d+ error/);
    // The apps tree shows the same numbers for the app.
    const root = api.problems.summary!.apps.find((a) => a.eca === 'Broken_App')!.root;
    assert.deepEqual(api.views.apps.problemsOf?.(root, 'Broken_App')?.errors, api.problems.summary!.apps.find((a) => a.eca === 'Broken_App')!.counts.errors);
  });

  test('scaffold: the title names the app, environments lacking its policies are pre-selected, those that have them are not', async () => {
    const api = await activeApi();
    const ctx = await api.client.sendRequest<ContextAnswer>(AUTHORING_METHODS.context, { target: fixtureUri(CLEAN).fsPath });
    assert.equal(ctx.targetEca, 'Clean_App');
    const items = envItems(ctx, 'Clean_App');
    const def = items.find((i) => i.alias === 'default')!;
    assert.equal(def.picked, true, 'default lacks Clean_App\'s policies: pre-selected');
    assert.match(String(def.description), /no policies yet/);
    // The same list once default has them: not pre-selected any more.
    const withDefault = { ...ctx, ecas: ctx.ecas.map((e) => (e.name === 'Clean_App' ? { ...e, policyEnvs: ['default'] } : e)) };
    const again = envItems(withDefault, 'Clean_App').find((i) => i.alias === 'default')!;
    assert.equal(again.picked, false);
    assert.match(String(again.description), /has Clean_App's policies/);
    assertEvery(items, (i) => !/\bunknown\b|^folder$/.test(String(i.detail ?? '')), 'items read clearly');
  });

  test('flip: only the file change is pre-selected; package changes are opt-in; notes are plain text', async () => {
    const api = await activeApi();
    const header = fixtureUri(CLEAN).fsPath;
    const plan = await api.client.sendRequest<FlipAnswer>(AUTHORING_METHODS.flip, { target: header, path: header, to: 'Packaged' });
    assert.ok(plan.changes.length > 0);
    const items = flipItems(plan, true);
    const checked = items.filter((i) => i.picked);
    assert.deepEqual(checked.map((i) => i.isFlip), [true], 'only the flip itself is checked');
    for (const i of items) if (i.label.startsWith('Note:')) assert.equal(i.kind, vscode.QuickPickItemKind.Separator, 'a note is not a choice');
    // force-app is not an unlocked package and Clean_App has no oauthLink: this fixture has follow-ups,
    // and every one of them is offered unchecked.
    assert.ok(plan.followUps.some((f) => f.id === 'package-unlocked'), JSON.stringify(plan.followUps.map((f) => f.id)));
    assertEvery(items.filter((i) => i.followUp), (i) => i.picked === false, 'follow-up items start unchecked', { count: plan.followUps.length });
  });

  test('New External Client App never suggests a name the project already has', async () => {
    const api = await activeApi();
    const ctx = await api.client.sendRequest<ContextAnswer>(AUTHORING_METHODS.context, { target: fixtureUri(CLEAN).fsPath });
    const taken = ctx.ecas.map((e) => e.name);
    assert.ok(taken.includes('Clean_App'));
    assert.ok(!taken.includes(examplePlaceholder(taken)));
    assert.equal(examplePlaceholder(['My_Integration']), 'Partner_Portal');
    assert.equal(examplePlaceholder(['my_integration', 'Partner_Portal', 'Mobile_App']), 'My_Integration_2');
  });
});
