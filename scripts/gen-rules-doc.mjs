// Writes docs/rules.md from the rule declarations (compiled to out/ by `npm run compile-tests`).
// Run through `npm run gen:docs`; test/unit/rulesDoc.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib/node.mjs';

const require = createRequire(import.meta.url);
const { CATALOGUE, RULE_KIND } = require(join(ROOT, 'out/server/src/engine/rules/catalogue.js'));
const { renderRulesDoc } = require(join(ROOT, 'out/server/src/engine/rules/doc.js'));
const target = join(ROOT, 'docs/rules.md');
writeFileSync(target, renderRulesDoc(CATALOGUE, (id) => RULE_KIND.get(id)));
console.log(`wrote ${target} (${CATALOGUE.length} rules)`);
