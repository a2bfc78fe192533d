// duplicate-component: two files define the same component where they deploy together.
import { projectRule } from '../define';
import { ZERO } from '../projectContext';
import type { ComponentSummary } from '../../project/model';
import { deployUnit } from './deployUnit';

export const duplicateComponent = projectRule({
  id: 'duplicate-component', severity: 'error', section: 4, scope: 'project',
  summary: 'Two files define the same component where they deploy together.',
  description: 'Two files define the same type + name in places that deploy together (same package directory, same alias folder): the deploy fails on the duplicate or one silently wins.',
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
          message: `${s.type} '${s.name}' is defined by ${list.length} files that deploy together; the deploy fails on the duplicate ("Duplicate name ${s.name}") or one silently wins.`,
          related: list.filter((o) => o !== s).map((o) => ({ path: o.path, range: o.ranges.root ?? ZERO, message: 'Also defined here' })) });
      }
    }
  },
});
