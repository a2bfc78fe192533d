// consumer-secret-api-access: the org lets the Metadata API read ECA consumer secrets.
import { fileRule } from '../define';
import { practice } from '../evidence';
import { readBoolean } from '../values';
import { valueSpan } from '../../xml/scanner';
import { rootOf } from '../common';
import { CITE, SECURITY } from './facts';

export const consumerSecretApiAccess = fileRule({
  id: 'consumer-secret-api-access', severity: 'information', ...SECURITY, scope: 'ExternalClientAppSettings',
  citation: CITE.settings, securitySeverity: '4.0',
  evidence: practice(CITE.settings, 'Salesforce recommends "Allow access to External Client App consumer secrets via Metadata API" Off'),
  summary: 'enableConsumerSecretApiAccess is on (recommended Off).',
  description: '"Allow access to External Client App consumer secrets via Metadata API – Off" is one of Salesforce\'s recommended security settings: with it on, a retrieve can copy consumer secrets into files.',
  fix: 'Set enableConsumerSecretApiAccess to false.',
  reads: ['ExternalClientAppSettings.enableConsumerSecretApiAccess'],
  check(ctx) {
    const root = rootOf(ctx, 'ExternalClientAppSettings');
    if (!root) return;
    const v = readBoolean(root, 'enableConsumerSecretApiAccess', ctx.project);
    if (v.state !== 'ok' || !v.value) return;
    const [s, e] = valueSpan(v.el);
    ctx.report({ start: s, end: e, fixes: [ctx.fix('Set enableConsumerSecretApiAccess to false', [ctx.edit(s, e, 'false')], true)],
      message: 'enableConsumerSecretApiAccess lets the Metadata API read External Client App consumer secrets, so a retrieve can write them into files. Salesforce recommends "Allow access to External Client App consumer secrets via Metadata API – Off".' });
  },
});
