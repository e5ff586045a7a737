/**
 * `npm run bench`: runs the suites listed below one after the other, prints a table per suite,
 * and rewrites docs/benchmarks.md with one section per suite. Add a suite by appending it here.
 * `npm run bench -- --only audit` runs the suites whose name contains the word and replaces
 * only their sections of docs/benchmarks.md.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cryptoSuite } from './crypto.bench';
import { hubSuite } from './hub.bench';
import { auditSuite } from './audit.bench';
import { formatTable, mergeMarkdown, writeMarkdown, type Suite, type SuiteSection } from './report';

const SUITES: readonly Suite[] = [cryptoSuite, hubSuite, auditSuite];
const OUTPUT = resolve(__dirname, '..', 'docs', 'benchmarks.md');

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1]?.toLowerCase() : undefined;
  const suites = only === undefined ? SUITES : SUITES.filter((s) => s.title.toLowerCase().includes(only));
  if (suites.length === 0) throw new Error(`no suite matches --only ${only ?? ''}`);
  const sections: SuiteSection[] = [];
  for (const suite of suites) {
    console.log(`Running ${suite.title} …`);
    const section = { title: suite.title, notes: suite.notes, rows: await suite.run() };
    console.log(`${formatTable(section)}\n`);
    sections.push(section);
  }
  const seconds = (performance.now() - started) / 1000;
  if (only === undefined) writeMarkdown(OUTPUT, sections, { command: 'npm run bench', startedAt, seconds });
  else mergeMarkdown(OUTPUT, sections, { command: `npm run bench -- --only ${only}`, startedAt, seconds });
  console.log(`Wrote ${OUTPUT} (${seconds.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
