// Small facts several rules share: the platform's rejection phrase, the root of a typed file, the
// packaging facts of the app a satellite belongs to, and the retrieve command.
import type { RuleContext } from './context';
import { localName, valueOf, type XmlElement } from '../xml/scanner';
import { childrenByName } from '../document';
import { stripNamespace } from '../project/model';
import { summaryDistributionState } from './values';
import type { CommandFix } from '../types';

export const PLATFORM = 'the Metadata API rejects the deploy';
export const RETRIEVE_COMMAND = 'eca.retrieveFromDevHub';
export const MIGRATE_COMMAND = 'eca.migrateConnectedApp';

/** The root element when the file is a well-rooted `typeName` file, else null. */
export function rootOf(ctx: RuleContext, typeName: string): XmlElement | null {
  const f = ctx.file;
  if (f.type?.name !== typeName || !f.xml.root || localName(f.xml.root.name) !== f.type.rootElement) return null;
  return f.xml.root;
}

/** The value of the first `name` child, or undefined. */
export function childValue(root: XmlElement, name: string): string | undefined {
  const el = childrenByName(root).get(name)?.[0];
  return el ? valueOf(el) : undefined;
}

/**
 * The packaging facts of the ECA a satellite belongs to, from the project model. `state` is the
 * header's distributionState ('Local' when absent), 'unreadable' when it holds an invalid value,
 * undefined when no header is known.
 */
export function ecaFacts(ctx: RuleContext, ecaRef: string | undefined) {
  const project = ctx.project;
  const header = ecaRef && project ? project.header(ecaRef) : undefined;
  const pkg = project?.packageOf(ctx.file.path);
  const state = header ? summaryDistributionState(header.distributionState) : undefined;
  const packaged = state === 'Packaged';
  const unlocked = pkg?.type === 'unlocked' || pkg?.type === 'org-dependent' || pkg?.type === 'managed';
  const local = state === 'Local';
  return { header, pkg, state, packaged, unlocked, local };
}

export function retrieveCommand(ecaRef: string | undefined): CommandFix[] {
  return [{ title: `Retrieve ${ecaRef ?? 'the External Client App'} from the DevHub`, command: RETRIEVE_COMMAND, arguments: [{ eca: ecaRef ? stripNamespace(ecaRef) : undefined }] }];
}
