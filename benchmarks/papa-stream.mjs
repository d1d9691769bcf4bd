// Baseline for the command line: papaparse alone streaming the same file (node benchmarks/papa-stream.mjs <file>).
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

let rows = 0;
Papa.parse(createReadStream(process.argv[2], { encoding: 'utf8' }), {
  delimiter: ',',
  newline: '\n',
  skipEmptyLines: false,
  step() {
    rows++;
  },
  complete() {
    process.stdout.write(`${rows}\n`);
  },
});
