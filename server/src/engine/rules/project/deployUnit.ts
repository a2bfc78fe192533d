// The deploy unit of a component: its package directory and, in aliasfy packages, its environment folder.
import type { ProjectRuleContext } from '../projectContext';
import type { ComponentSummary } from '../../project/model';
import { environmentOf } from '../../project/environments';

export function deployUnit(c: ProjectRuleContext, s: ComponentSummary): string {
  const pkg = c.model.packageOf(s.path);
  if (!pkg) return c.model.sfdx ? '(outside packages)' : '';
  const env = pkg.aliasfy ? environmentOf(pkg, s.path).env ?? '' : '';
  return `${pkg.path}|${env}`;
}
