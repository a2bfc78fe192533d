// `npm run fuzz [-- --count N --seed S]`: the long fuzz run (default 1,000,000 inputs). Prints the
// number of inputs covered, the findings (first 20, with their inputs) and exits 1 on any.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
const require = createRequire(import.meta.url);
const { runFuzz } = require(resolve('out/test/helpers/fuzzer.js'));
const arg = (n, d) => { const i = process.argv.indexOf(`--${n}`); return i === -1 ? d : Number(process.argv[i + 1]); };
const count = arg('count', 1_000_000);
const seed = arg('seed', Date.now() % 2147483647);
console.log(`fuzz: ${count} inputs, seed ${seed}`);
const stats = runFuzz({ count, seed, corpusDir: resolve('test/fixtures/real/retrieved'), onProgress: (n) => { if (n % 100000 === 0 && n) console.log(`  ${n} inputs…`); } });
console.log(`fuzz: ${stats.inputs} inputs and ${stats.projects} project trees in ${(stats.ms / 1000).toFixed(0)} s; slowest input ${stats.slowest.ms.toFixed(1)} ms (${stats.slowest.size} chars); ${stats.findings.length} finding(s)`);
for (const f of stats.findings.slice(0, 20)) console.log(`- ${f.kind}: ${f.detail}\n  input (${f.path}): ${JSON.stringify(f.input.slice(0, 400))}`);
process.exit(stats.findings.length ? 1 : 0);
