import type { EcaCommand } from './types';

/** Shows the language server's log (also the status-bar item's click target). */
export const showOutput: EcaCommand = {
  id: 'eca.showOutput',
  requiresTrust: false,
  run: ({ client }) => client.outputChannel.show(true),
};
