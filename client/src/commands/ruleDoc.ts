// ECA: Show Rule Documentation: a rule's section of docs/rules.md, the file the extension ships
// (no network), in the Markdown preview. The server links every diagnostic's rule id to that
// file (`codeDescription.href`, a file URI with the rule as fragment, which any editor can open);
// in VS Code the link runs this command instead, so the Problems panel's rule id opens the section.
// `eca-check rules <id>` prints the same text (engine/rules/doc.ts renders both).
import * as vscode from 'vscode';
import { ruleSectionOf } from '../../../server/src/engine/rules/docSection';

/** Virtual documents `eca-rule:/<id>.md`: one rule's section. */
export const RULE_DOC_SCHEME = 'eca-rule';
export const SHOW_RULE_DOC = 'eca.showRuleDoc';

/** The shipped docs/rules.md, read through VS Code (the extension may run in a browser). */
async function rulesDoc(context: vscode.ExtensionContext): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'docs/rules.md')));
}

const idOf = (uri: vscode.Uri) => uri.path.replace(/^\//, '').replace(/\.md$/, '');

/** Serves `eca-rule:` documents from the shipped docs/rules.md. */
export function registerRuleDocs(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, {
    provideTextDocumentContent: async (uri) => ruleSectionOf(await rulesDoc(context), idOf(uri)) ?? `No rule \`${idOf(uri)}\` in docs/rules.md.\n`,
  }));
}

/** Opens rule `id`'s documentation (asks for the rule when none is given); returns the document's URI. */
export async function showRuleDoc(context: vscode.ExtensionContext, id?: unknown): Promise<vscode.Uri | undefined> {
  let rule = typeof id === 'string' ? id : undefined;
  if (!rule) {
    const ids = [...(await rulesDoc(context)).matchAll(/^### ([\w-]+)$/gm)].map((m) => m[1]);
    rule = await vscode.window.showQuickPick(ids, { placeHolder: 'Which rule?' });
    if (!rule) return undefined;
  }
  const uri = vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${rule}.md` });
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return uri;
}

/** A diagnostic's rule id, whether its code is plain or a link. */
export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return c === undefined ? undefined : typeof c === 'object' ? String(c.value) : String(c);
}

/** The server's link to docs/rules.md#<id> becomes a link that runs SHOW_RULE_DOC (the preview, at that rule). */
export function linkRuleDocs(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    const c = d.code;
    if (typeof c !== 'object' || c.target.scheme !== 'file' || !c.target.path.endsWith('/docs/rules.md') || !c.target.fragment) continue;
    d.code = { value: c.value, target: vscode.Uri.parse(`command:${SHOW_RULE_DOC}?${encodeURIComponent(JSON.stringify([c.target.fragment]))}`) };
  }
  return diagnostics;
}
