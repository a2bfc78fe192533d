// Reading the user's `eca.*` settings from the client (workspace/configuration).
import type { CheckOptions } from '../engine';
import { DEFAULT_SETTINGS, type ServerContext, type Settings } from './context';
import { parseApiVersion } from '../engine/schema/versions';

export function toCheckOptions(s: Settings): CheckOptions {
  return { severityOverrides: s.severityOverrides, disabledRules: s.disabledRules };
}

/** Fetch the settings; on failure (or a client without configuration) the defaults stay. */
export async function loadSettings(ctx: ServerContext): Promise<void> {
  if (!ctx.hasConfigCapability) return;
  try {
    const s = (await ctx.connection.workspace.getConfiguration({ section: 'eca' })) as (Partial<Settings> & { validation?: { scope?: unknown } }) | null;
    const scope = s?.validation?.scope;
    ctx.settings = {
      severityOverrides: s?.severityOverrides && typeof s.severityOverrides === 'object' ? s.severityOverrides : {},
      disabledRules: Array.isArray(s?.disabledRules) ? s!.disabledRules : [],
      productionAliases: Array.isArray(s?.productionAliases) ? s!.productionAliases : [],
      apiVersion: parseApiVersion(s?.apiVersion),
      exclude: Array.isArray(s?.exclude) ? s!.exclude.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [],
      validationScope: scope === 'openFiles' ? 'openFiles' : DEFAULT_SETTINGS.validationScope,
    };
  } catch (e) {
    ctx.log(`could not read settings: ${(e as Error).message}`);
  }
}
