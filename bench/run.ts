/**
 * `npm run bench`: runs the suites listed below one after the other, prints a table per suite,
 * and rewrites docs/benchmarks.md with one section per suite. Add a suite by appending it here.
 * `npm run bench -- e2e hub` runs only the named suites and replaces only their sections.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cryptoSuite } from './crypto.bench';
import { exchangeSuite } from './exchange.bench';
import { hubSuite } from './hub.bench';
import { formatTable, mergeMarkdown, writeMarkdown, type Suite, type SuiteSection } from './report';

const SUITES: Readonly<Record<string, Suite>> = { crypto: cryptoSuite, hub: hubSuite, e2e: exchangeSuite };
const OUTPUT = resolve(__dirname, '..', 'docs', 'benchmarks.md');

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in SUITES));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}: choose from ${Object.keys(SUITES).join(', ')}`);
  const chosen = names.length === 0 ? Object.values(SUITES) : names.map((name) => SUITES[name] as Suite);
  const sections: SuiteSection[] = [];
  for (const suite of chosen) {
    console.log(`Running ${suite.title} …`);
    const section = { title: suite.title, notes: suite.notes, rows: await suite.run() };
    console.log(`${formatTable(section)}\n`);
    sections.push(section);
  }
  const seconds = (performance.now() - started) / 1000;
  if (names.length === 0) writeMarkdown(OUTPUT, sections, { command: 'npm run bench', startedAt, seconds });
  else mergeMarkdown(OUTPUT, sections, { command: `npm run bench -- ${names.join(' ')}`, startedAt, seconds });
  console.log(`Wrote ${OUTPUT} (${seconds.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
