/**
 * `npm run bench`: runs the suites listed below one after the other, prints a table per suite,
 * and rewrites docs/benchmarks.md with one section per suite. Add a suite by appending it here.
 * `npm run bench -- <word> …` runs only the suites whose title contains one of the words (case
 * blind) and replaces only their sections, keeping the others' figures as they were.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cryptoSuite } from './crypto.bench';
import { guardSuite } from './guard.bench';
import { hubSuite } from './hub.bench';
import { formatTable, writeMarkdown, type Suite, type SuiteSection } from './report';

const SUITES: readonly Suite[] = [cryptoSuite, hubSuite, guardSuite];
const OUTPUT = resolve(__dirname, '..', 'docs', 'benchmarks.md');

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const words = process.argv.slice(2).map((w) => w.toLowerCase());
  const selected = words.length === 0 ? SUITES : SUITES.filter((s) => words.some((w) => s.title.toLowerCase().includes(w)));
  if (selected.length === 0) throw new Error(`no suite matches ${words.join(', ')}; suites: ${SUITES.map((s) => s.title).join('; ')}`);
  const sections: SuiteSection[] = [];
  for (const suite of selected) {
    console.log(`Running ${suite.title} …`);
    const section = { title: suite.title, notes: suite.notes, rows: await suite.run() };
    console.log(`${formatTable(section)}\n`);
    sections.push(section);
  }
  const seconds = (performance.now() - started) / 1000;
  const command = words.length === 0 ? 'npm run bench' : `npm run bench -- ${words.join(' ')}`;
  writeMarkdown(OUTPUT, sections, { command, startedAt, seconds }, selected.length < SUITES.length);
  console.log(`Wrote ${OUTPUT} (${seconds.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
