// The custom request groups the server answers in a web worker: those that only read the
// workspace and answer plans (the client applies them as WorkspaceEdits). Retrieve, verify and
// sf logins need a process or an org and are Node-only (index.ts).
import './authoring';
import './environments';
import './migrate';

export { registerAllRequests, defineRequests } from './registry';
