/**
 * `npm run bench`: runs the suites listed below one after the other, prints a table per suite,
 * and rewrites docs/benchmarks.md with one section per suite. Add a suite by appending it here.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cryptoSuite } from './crypto.bench';
import { hubSuite } from './hub.bench';
import { formatTable, writeMarkdown, type Suite, type SuiteSection } from './report';

const SUITES: readonly Suite[] = [cryptoSuite, hubSuite];
const OUTPUT = resolve(__dirname, '..', 'docs', 'benchmarks.md');

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const sections: SuiteSection[] = [];
  for (const suite of SUITES) {
    console.log(`Running ${suite.title} …`);
    const section = { title: suite.title, notes: suite.notes, rows: await suite.run() };
    console.log(`${formatTable(section)}\n`);
    sections.push(section);
  }
  const seconds = (performance.now() - started) / 1000;
  writeMarkdown(OUTPUT, sections, { command: 'npm run bench', startedAt, seconds });
  console.log(`Wrote ${OUTPUT} (${seconds.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
