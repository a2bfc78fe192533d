// invalid-boolean: a boolean field holds something other than an xsd:boolean.
import { fileRule } from '../define';
import { valueSpan } from '../../xml/scanner';
import { PLATFORM } from '../common';
import { valueElements } from './walk';

export const invalidBoolean = fileRule({
  id: 'invalid-boolean', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Cannot parse boolean", seen: "Metadata API deploy; xsd:boolean in the WSDL" },
  summary: 'Value is not true/false.',
  description: 'Not an xsd:boolean (True, yes, no, empty): the deploy fails ("Cannot parse boolean"). `1`/`0` are valid xsd but get a hint to write true/false, as the platform does. Other rules treat such a value as unknown, never as false.',
  fix: "Set to 'true' or 'false'.",
  check(ctx) {
    for (const { type, field, el, value } of valueElements(ctx, 'boolean')) {
      if (value === 'true' || value === 'false') continue;
      const [vs, ve] = valueSpan(el);
      if (value === '1' || value === '0') {
        const b = value === '1' ? 'true' : 'false';
        ctx.report({ severity: 'hint', start: vs, end: ve,
          message: `'${value}' is a valid xsd:boolean, but the platform writes '${b}'; write '${b}' so retrieves produce no diff.`,
          fixes: [ctx.fix(`Write '${b}'`, [ctx.edit(vs, ve, b)], true)] });
        continue;
      }
      const lower = value.toLowerCase();
      const guess = ['true', 'yes', 'y', 'on'].includes(lower) ? 'true' : ['false', 'no', 'n', 'off'].includes(lower) ? 'false' : undefined;
      const fixes = (guess ? [guess] : ['true', 'false']).map((b, i) =>
        ctx.fix(`Set to '${b}'`, [value ? ctx.edit(vs, ve, b) : ctx.edit(el.openEnd, el.openEnd, b)], i === 0 && !!guess));
      if (!value && el.selfClosing) fixes.length = 0;
      ctx.report({ start: vs, end: ve, fixes,
        message: `${type.name}.${field.name} must be 'true' or 'false' (lower case)${value ? `, not '${value}'` : ', but it is empty'}; ${PLATFORM} ("Cannot parse boolean").` });
    }
  },
});
