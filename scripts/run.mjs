// `node scripts/run.mjs <npm-script> [args…]`: runs an npm script on a Node new enough for the
// whole tool chain (see scripts/lib/node.mjs): this Node when it is >= 22.19, else Node 24 fetched
// into .cache/node24. The child gets a clean environment (no npm identity of the outer Node) and
// ECA_HOST_NODE, the Node the user started with, so tests can prove the CLI runs on it too.
import { spawnSync } from 'node:child_process';
import { envFor, npmOf, ROOT, toolchainNode } from './lib/node.mjs';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run.mjs <npm-script> [args…]');
  process.exit(2);
}
let node;
try {
  node = toolchainNode();
} catch (e) {
  console.error(String(e.message ?? e));
  process.exit(1);
}
const [cmd, ...pre] = npmOf(node);
const r = spawnSync(cmd, [...pre, 'run', script, ...(args.length ? ['--', ...args] : [])], {
  cwd: ROOT,
  stdio: 'inherit',
  env: envFor(node, { ECA_HOST_NODE: process.env.ECA_HOST_NODE ?? process.execPath }),
});
if (r.signal) process.kill(process.pid, r.signal);
process.exit(r.status ?? 1);
