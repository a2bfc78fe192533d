// Runs every compiled test file under out/test with node's built-in runner. Groups can be picked
// with ECA_TEST_GROUPS=unit,engine,lsp,cli,client,e2e (the tiers: test/<tier>/; default: all). Fails loudly when no test file is found,
// so a run that executed nothing cannot pass. A compiled test whose source is gone (a test moved or
// deleted since out/ was built: tsc never removes what it wrote) is left out, and said so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'out/test';
const groups = (process.env.ECA_TEST_GROUPS ?? '').split(',').filter(Boolean);
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
}
walk(root);
/** out/test/<path>.test.js → test/<path>.test.ts */
const sourceOf = (f) => join('test', f.slice(root.length + 1).replace(/\.js$/, '.ts'));
const stale = files.filter((f) => !existsSync(sourceOf(f)));
if (stale.length) console.log(`left out ${stale.length} compiled test(s) whose source is gone (stale out/): ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}`);
const selected = files
  .filter((f) => !stale.includes(f))
  .filter((f) => groups.length === 0 || groups.some((g) => f.startsWith(join(root, g) + '/')))
  .sort();
if (selected.length === 0) {
  console.error(`no test files found under ${root} for groups [${groups.join(',')}]`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...selected], { stdio: 'inherit' });
process.exit(r.status ?? 1);
