// invalid-number: not a whole number, outside the field's set or range, or too many repeats.
import { fileRule } from '../define';
import { valueSpan } from '../../xml/scanner';
import { PLATFORM } from '../common';
import { readEnum } from '../values';
import { schemaLevels, valueElements } from './walk';

function closestNumbers(values: string[], n: number): string[] {
  return [...values].sort((a, b) => Math.abs(Number(a) - n) - Math.abs(Number(b) - n)).slice(0, 2);
}

/** A refresh-token period only counts with a specific-lifetime policy; with Zero/Infinite the platform itself writes 0. */
const PERIOD_FREE_POLICIES = new Set(['Zero', 'Infinite']);

export const invalidNumber = fileRule({
  id: 'invalid-number', severity: 'error', section: 1, scope: 'any ECA file',
  summary: 'Not an integer, or out of range.',
  description: 'A number field holds something other than a whole number, a value outside its allowed set or range, or a repeating element occurs more often than allowed. refreshTokenValidityPeriod 0 with the policy Zero or Infinite is what the platform writes on retrieve, and is not reported.',
  fix: 'The closest allowed value, where the field has a fixed set.',
  reads: ['ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType'],
  check(ctx) {
    for (const { type, groups } of schemaLevels(ctx.file)) {
      for (const [name, els] of groups) {
        const field = type.fieldMap.get(name);
        if (!field?.maxOccurs || els.length <= field.maxOccurs) continue;
        const extra = els[field.maxOccurs];
        ctx.report({ start: extra.nameStart, end: extra.nameEnd,
          message: `${type.name} allows at most ${field.maxOccurs} <${name}> entries; this file has ${els.length}.` });
      }
    }
    for (const { type, field, el, value } of valueElements(ctx, 'int')) {
      const where = `${type.name}.${field.name}`;
      const [vs, ve] = valueSpan(el);
      if (!/^[+-]?\d+$/.test(value)) {
        ctx.report({ start: vs, end: ve, message: `${where} must be a whole number${value ? `, not '${value}'` : ', but it is empty'}; ${PLATFORM}.` });
        continue;
      }
      const n = Number(value);
      if (field.values && !field.values.includes(String(n))) {
        ctx.report({ start: vs, end: ve, message: `${where} accepts only ${field.values.join(', ')} (minutes), not ${value}.`,
          fixes: closestNumbers(field.values, n).map((v, i) => ctx.fix(`Set to ${v}`, [ctx.edit(vs, ve, v)], i === 0)) });
        continue;
      }
      if (field.name === 'refreshTokenValidityPeriod' && el.parent) {
        // Only a readable SpecificLifetime/SpecificInactivity policy (or none) makes the range apply.
        const policy = readEnum(el.parent, type.name, 'refreshTokenPolicyType', ctx.project);
        if (policy.state === 'unreadable' || (policy.state === 'ok' && PERIOD_FREE_POLICIES.has(policy.value))) continue;
      }
      const range = field.range ?? (/(Period|Minutes|Timeout|Validity)/.test(field.name) ? [1, Number.MAX_SAFE_INTEGER] as [number, number] : undefined);
      if (range && (n < range[0] || n > range[1])) {
        ctx.report({ start: vs, end: ve,
          message: `${where} must be ${range[1] === Number.MAX_SAFE_INTEGER ? `at least ${range[0]}` : `between ${range[0]} and ${range[1]}`}, not ${value}.` });
      }
    }
  },
});
