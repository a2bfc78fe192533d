// missing-required: a field the schema marks required is absent.
import { fileRule } from '../define';
import { insertChild, type RuleContext } from '../context';
import type { FieldInfo } from '../../schema';
import { PLATFORM } from '../common';
import { schemaLevels } from './walk';
import { fileApiVersion } from './version';
import { elementVerdict } from '../../schema/versions';

function placeholderFor(ctx: RuleContext, field: FieldInfo): string {
  if (field.name === 'externalClientApplication') {
    const f = ctx.file;
    const names = ctx.project?.ecaNames() ?? [];
    const stem = f.cls?.name ?? '';
    const guess = names.find((n) => stem.startsWith(n)) ?? names[0];
    return guess ?? stem.replace(/_(oauth|oauthPlcy|plcy|glbloauth|policy|defaultPolicy)$/i, '');
  }
  if (field.kind === 'boolean') return 'false';
  if (field.kind === 'enum' && field.values?.length) return field.values[0];
  return '';
}

export const missingRequired = fileRule({
  id: 'missing-required', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Required field is missing: label", seen: "a deploy error quoted in forcedotcom/salesforcedx-vscode#3124 (https://github.com/forcedotcom/salesforcedx-vscode/issues/3124); WSDL minOccurs and the Metadata API Developer Guide's Required markers" },
  summary: 'A required field is absent.',
  description: 'A field the schema marks required is missing (e.g. externalClientApplication on every satellite; label is required nowhere); the deploy fails ("Required field is missing").',
  fix: 'Insert the element with a placeholder value.',
  check(ctx) {
    const v = fileApiVersion(ctx).version;
    for (const { type, parent, groups } of schemaLevels(ctx.file)) {
      // For undocumented types only the parent reference is certain.
      for (const field of type.fields) {
        if (!field.required || groups.has(field.name)) continue;
        if (!type.documented && field.name !== 'externalClientApplication') continue;
        if (field.name === 'label') continue; // never required (eca-metadata-notes.md)
        // Required only where the file's API version declares it (v56's oauthDev is long gone).
        const at = elementVerdict(type.name, field.name, v).kind;
        if (at === 'later' || at === 'removed') continue;
        if (parent.unclosed && parent.children.length === 0) continue;
        const ins = insertChild(ctx.file, parent, field.name, placeholderFor(ctx, field));
        ctx.report({ start: parent.nameStart, end: parent.nameEnd,
          message: `${type.name} requires <${field.name}>${field.name === 'externalClientApplication' ? ' (the developer name of the parent External Client App)' : ''}; without it ${PLATFORM} ("Required field is missing: ${field.name}").`,
          fixes: [{ ...ctx.fix(`Add <${field.name}>`, [ctx.edit(ins.offset, ins.offset, ins.text)], true), placeholder: true }] });
      }
    }
  },
});
