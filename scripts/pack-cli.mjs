// `npm run pack:cli`: the installable CLI package. Copies the built CLI bundle (dist/cli.js: the
// engine with its libraries inlined, no dependencies) and the Salesforce libraries bundle that
// only `retrieve` loads (dist/sf-lib.js) into packages/eca-check/dist/, then `npm pack`s that
// folder (no VS Code client, no sources). Usage: node scripts/pack-cli.mjs [destination folder]
// (default dist/); prints the tarball's path. Run `npm run build` first.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const pkgDir = join(root, 'packages/eca-check');
const dest = resolve(process.argv[2] ?? join(root, 'dist'));
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const cliPkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (cliPkg.version !== rootPkg.version) {
  console.error(`packages/eca-check/package.json version ${cliPkg.version} differs from package.json ${rootPkg.version}: make them equal`);
  process.exit(1);
}
mkdirSync(join(pkgDir, 'dist'), { recursive: true });
for (const f of cliPkg.files) {
  const from = join(root, f);
  if (!existsSync(from)) { console.error(`${f} is missing: run npm run build first`); process.exit(1); }
  copyFileSync(from, join(pkgDir, f));
}
copyFileSync(join(root, 'LICENSE'), join(pkgDir, 'LICENSE'));
mkdirSync(dest, { recursive: true });
const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: pkgDir, encoding: 'utf8' });
const [info] = JSON.parse(out);
console.log(join(dest, info.filename));
