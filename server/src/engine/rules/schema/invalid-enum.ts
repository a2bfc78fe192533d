// invalid-enum: a value outside the field's enumeration. For distributionState the suggestion
// follows the app's deployment pattern (project/pattern.ts), not just spelling distance.
import { fileRule } from '../define';
import { accepts, HEADER_TYPE } from '../../schema';
import { valueSpan } from '../../xml/scanner';
import { closest } from '../../text';
import { PLATFORM } from '../common';
import { suggestedDistributionState } from '../../project/pattern';
import { valueElements } from './walk';
import { fileApiVersion, versionFinding } from './version';
import { valueVerdict } from '../../schema/versions';

export const invalidEnum = fileRule({
  id: 'invalid-enum', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "bad value for restricted picklist / 'AdminApproved' is not a valid value for the enum 'PermittedUsersPolicyType'", seen: "Metadata API WSDL enumerations; docs/reference/platform-facts-2026-12.md" },
  summary: 'Value outside the field\'s enumeration.',
  description: 'The value is not one the platform declares for the field ("bad value for restricted picklist"), e.g. Packageable, RelaxIPRestrictions, AdminApprovedUsers. Spellings the platform itself writes into retrieved files are accepted. For distributionState the suggestion follows the app\'s deployment pattern.',
  fix: 'Change to the closest valid value (for distributionState: the value that fits the app\'s pattern, with the reason).',
  check(ctx) {
    const v = fileApiVersion(ctx).version;
    for (const { type, field, el, value } of valueElements(ctx, 'enum')) {
      if (!field.values || field.values.length === 0) continue;
      const [vs, ve] = valueSpan(el);
      if (accepts(field, value)) {
        // A value of the enumeration that the file's API version does not declare.
        const f = field.enumType ? versionFinding(ctx, valueVerdict(field.enumType, value, v), `'${value}' (${type.name}.${field.name})`) : null;
        if (f) ctx.report({ ...f, start: vs, end: ve });
        continue;
      }
      const all = [...field.values, ...(field.alsoAccepted ?? [])];
      const exactCase = all.find((v) => v.toLowerCase() === value.toLowerCase());
      const right = field.misspellings?.[value];
      let suggestions = right ? [right] : exactCase ? [exactCase] : closest(value, field.values, 3);
      let why = '';
      if (!exactCase && type.name === HEADER_TYPE && field.name === 'distributionState' && ctx.project && ctx.file.cls?.kind === 'eca') {
        const s = suggestedDistributionState(ctx.project, ctx.file.cls.name);
        if (s) {
          suggestions = [s.state, ...suggestions.filter((x) => x !== s.state)];
          why = ` ${s.reason}`;
        }
      }
      ctx.report({ start: vs, end: ve,
        message: `'${value}' is not a valid ${type.name}.${field.name}. Valid values: ${field.values.join(', ')}.${suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ''}${why} Otherwise ${PLATFORM} ("bad value for restricted picklist").`,
        fixes: suggestions.map((s, i) => ctx.fix(`Change to '${s}'`, [value ? ctx.edit(vs, ve, s) : ctx.edit(el.openEnd, el.openEnd, s)], i === 0)) });
    }
  },
});
