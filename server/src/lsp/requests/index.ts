// Every custom request group the server answers: one import per file under lsp/requests/.
import './authoring';
import './environments';
import './migrate';
import './orgs';
import './retrieve';
import './uncommitted';
import './verify';

export { registerAllRequests, defineRequests } from './registry';
