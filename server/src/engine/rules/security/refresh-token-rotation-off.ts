// refresh-token-rotation-off: rotation switched off while the app hands out refresh tokens.
import { projectRule } from '../define';
import { practice } from '../evidence';
import { editFix } from '../projectContext';
import { GLOBAL_OAUTH_TYPE, OAUTH_SETTINGS_TYPE } from '../../schema';
import { summaryBoolean } from '../values';
import { CITE, SECURITY } from './facts';

export const refreshTokenRotationOff = projectRule({
  id: 'refresh-token-rotation-off', severity: 'information', ...SECURITY, scope: 'ExtlClntAppGlobalOauthSettings',
  citation: CITE.refreshToken, securitySeverity: '4.3',
  evidence: practice(CITE.refreshToken, 'refresh tokens of public clients must be sender-constrained or rotated'),
  summary: 'Refresh token rotation off while the app grants RefreshToken.',
  description: '"Enable Refresh Token Rotation" is one of Salesforce\'s recommended security controls: with it on, each refresh returns a new refresh token and a stolen one stops working. Raised when isRefreshTokenRotationEnabled is false and the app\'s OAuth settings include the RefreshToken scope.',
  fix: 'Set isRefreshTokenRotationEnabled to true.',
  reads: ['ExtlClntAppGlobalOauthSettings.isRefreshTokenRotationEnabled'],
  check(c) {
    for (const s of c.model.components.values()) {
      if (s.type !== GLOBAL_OAUTH_TYPE || !s.eca || summaryBoolean(s.isRefreshTokenRotationEnabled) !== false) continue;
      const grants = c.model.componentsOf(s.eca).some((x) => x.type === OAUTH_SETTINGS_TYPE
        && (x.oauthScopes ?? '').split(',').some((t) => t.trim() === 'RefreshToken'));
      if (!grants) continue;
      const r = s.ranges.isRefreshTokenRotationEnabled;
      c.report({ path: s.path, range: r ?? s.ranges.root,
        fixes: r ? [editFix('Set isRefreshTokenRotationEnabled to true', s.path, [{ range: r, newText: 'true' }], true)] : undefined,
        message: `Refresh token rotation is off while ${s.eca} grants the RefreshToken scope. Salesforce recommends "Enable Refresh Token Rotation": each refresh then issues a new refresh token, so a leaked one stops working.` });
    }
  },
});
