// duplicate-component: two files define the same component where they deploy together: sf zips one file
// per component path, so only one reaches the org (no platform rejection seen: a warning that says "may").
import { projectRule } from '../define';
import { ZERO } from '../projectContext';
import type { ComponentSummary } from '../../project/model';
import { deployUnit } from './deployUnit';

export const duplicateComponent = projectRule({
  id: 'duplicate-component', severity: 'warning', section: 4, scope: 'project',
  evidence: { platform: "source-deploy-retrieve writes one zip entry per component path (ZipWriter: zip.file(path) replaces an earlier entry of the same path), so only one of the files reaches the org; no platform rejection seen", seen: "Salesforce CLI's own code: forcedotcom/source-deploy-retrieve src/convert/streams.ts @ ac2a8fe" },
  summary: 'Two files define the same component where they deploy together.',
  description: 'Two files define the same type + name in places that deploy together (same package directory, same alias folder): sf puts one file per component in the deploy, so only one of them reaches the org (which one is not chosen by you), and the deploy may fail on the duplicate.',
  check(c) {
    const groups = new Map<string, ComponentSummary[]>();
    for (const s of c.model.components.values()) {
      if (c.model.isIgnored(s.path)) continue;
      const key = `${s.type}|${s.name}|${deployUnit(c, s)}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      for (const s of list) {
        c.report({ path: s.path, range: s.ranges.root,
          message: `${s.type} '${s.name}' is defined by ${list.length} files that deploy together; sf puts one file per component in the deploy, so only one of them reaches the org, and the deploy may fail on the duplicate. Keep one.`,
          related: list.filter((o) => o !== s).map((o) => ({ path: o.path, range: o.ranges.root ?? ZERO, message: 'Also defined here' })) });
      }
    }
  },
});
