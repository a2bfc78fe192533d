// invalid-number: not a whole number, outside the field's set or range, or too many repeats.
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import { valueSpan } from '../../xml/scanner';
import { PLATFORM } from '../common';
import { readEnum } from '../values';
import { schemaLevels, valueElements } from './walk';

function closestNumbers(values: string[], n: number): string[] {
  return [...values].sort((a, b) => Math.abs(Number(a) - n) - Math.abs(Number(b) - n)).slice(0, 2);
}

/** Fields read as periods or timeouts; without a documented range, below 1 is an inferred warning. */
const PERIOD_NAME_RE = /(Period|Minutes|Timeout|Validity)/;

/** A refresh-token period only counts with a specific-lifetime policy; with Zero/Infinite the platform itself writes 0. */
const PERIOD_FREE_POLICIES = new Set(['Zero', 'Infinite']);

export const invalidNumber = fileRule({
  id: 'invalid-number', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "xsd:int fields; the documented allowed values and limits (JWT timeouts 1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720 minutes; idTokenValidityInMinutes 1–720; at most 128 customAttributes and trustedIpRanges)", seen: `${SEEN.wsdl}; ${SEEN.metadataNotes}, items 8 and 10` },
  summary: 'Not an integer, or out of range.',
  description: 'A number field holds something other than a whole number (xsd:int in the WSDL), a value outside its documented set or range, or a repeating element occurs more often than documented. A period or timeout below 1 where no range is documented is a warning (inferred). refreshTokenValidityPeriod 0 with the policy Zero or Infinite is what the platform writes on retrieve, and is not reported.',
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
      if (field.range && (n < field.range[0] || n > field.range[1])) {
        ctx.report({ start: vs, end: ve, message: `${where} must be between ${field.range[0]} and ${field.range[1]}, not ${value}.` });
      } else if (!field.range && n < 1 && PERIOD_NAME_RE.test(field.name)) {
        // No documented range: a period or timeout below 1 is inferred, not seen rejected.
        ctx.report({ severity: 'warning', start: vs, end: ve, message: `${where} is a period and ${value} is below 1; the deploy may reject it.` });
      }
    }
  },
});
