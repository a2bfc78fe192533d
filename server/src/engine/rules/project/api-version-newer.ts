// api-version-newer: sourceApiVersion names a version newer than any whose schema this tool has.
// Files are then judged at the newest known version; one information diagnostic says so.
import { findNodeAtLocation } from 'jsonc-parser';
import { projectRule } from '../define';
import { ZERO } from '../projectContext';
import { projectApiVersion } from '../../project/apiVersion';
import { NEWEST_API_VERSION, formatApiVersion } from '../../schema/versions';

export const apiVersionNewer = projectRule({
  id: 'api-version-newer', severity: 'information', section: 4, scope: 'sfdx-project.json',
  evidence: 'inferred',
  summary: 'sourceApiVersion is newer than any API version this tool knows.',
  description: 'Every file is judged against the schema of the API version it deploys at. For a version newer than the newest published schema this tool carries, files are judged at the newest known one: elements and values that version adds are not known here yet.',
  check(c) {
    const v = projectApiVersion(c.model);
    if (v === undefined || v <= NEWEST_API_VERSION || c.model.apiVersionOverride) return;
    const node = c.sfdxTree ? findNodeAtLocation(c.sfdxTree, ['sourceApiVersion']) : undefined;
    c.report({ path: c.model.sfdx!.path, range: node && c.sfdxLines ? c.sfdxLines.range(node.offset, node.offset + node.length) : ZERO,
      message: `sourceApiVersion ${formatApiVersion(v)} is newer than any API version this tool knows; files are judged at API ${formatApiVersion(NEWEST_API_VERSION)}, the newest known. What ${formatApiVersion(v)} adds is not known here yet.` });
  },
});
