// `npm run bench` (after `npm run build`): runs every benchmark of BENCHES in turn, each in a process of
// its own so one's memory and connections never weigh on the next, and prints each one's result.
//   node bench/run.mjs                 every benchmark
//   node bench/run.mjs waste rollups-  only those whose file name contains one of the words
// Add a benchmark by adding its file here. A benchmark file exports `default async function main()`
// that answers a JSON-able result, and prints that result when node runs the file itself.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'waste-import.bench.mjs',
  'waste-create.bench.mjs',
  'rollups-rebuild.mjs',
  'rollups-dashboard.mjs',
  'rollups-freshness.mjs',
  'abuse.mjs',
];

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const selected = BENCHES.filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)));
if (selected.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}

function runOne(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => resolve({ file, code, seconds: Math.round((Date.now() - started) / 1000), output }));
  });
}

const outcomes = [];
for (const file of selected) {
  console.log(`\n=== ${file}`);
  outcomes.push(await runOne(file));
}

console.log('\n=== summary');
for (const { file, code, seconds } of outcomes)
  console.log(`${code === 0 ? 'ok    ' : 'FAILED'} ${file} (${seconds} s)`);
process.exit(outcomes.every((o) => o.code === 0) ? 0 : 1);
