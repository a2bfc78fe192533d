// `npm run bench:scale`: the bench at 10k, 100k and 1M files, as a table (files vs time and memory).
import { spawnSync } from 'node:child_process';
const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
const rows = [];
for (const n of sizes) {
  const r = spawnSync(process.execPath, ['scripts/bench.mjs', '--files', String(n), '--edits', '200'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) { process.stderr.write(r.stderr); process.exit(1); }
  rows.push(JSON.parse(/BENCH_JSON (.*)/.exec(r.stdout)[1]));
}
console.log('\n| files | ECA files | cold check | bare parse | server scan | first diagnostics | edit p50 | edit p95 | server peak RSS |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const x of rows) console.log(`| ${x.files.toLocaleString('en')} | ${x.ecaFiles.toLocaleString('en')} | ${x.checkMs} ms | ${x.bareParseMs} ms | ${x.scanMs} ms | ${x.firstDiagMs} ms | ${x.p50} ms | ${x.p95} ms | ${x.peakRssMb} MB |`);
