/**
 * `npm run bench`: runs the suites listed below one after the other, prints a table per suite,
 * and rewrites docs/benchmarks.md with one section per suite. Add a suite by appending it here.
 * `npm run bench -- crypto` (suite ids: crypto, hub, e2e, audit, guard, library; space-separated) runs only those and keeps the other
 * suites' sections of docs/benchmarks.md as they were.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cryptoSuite } from './crypto.bench';
import { exchangeSuite } from './exchange.bench';
import { guardSuite } from './guard.bench';
import { hubSuite } from './hub.bench';
import { auditSuite } from './audit.bench';
import { librarySuite } from './library.bench';
import { formatTable, writeMarkdown, type Suite, type SuiteSection } from './report';

const SUITES: readonly Suite[] = [cryptoSuite, hubSuite, exchangeSuite, auditSuite, guardSuite, librarySuite];
const OUTPUT = resolve(__dirname, '..', 'docs', 'benchmarks.md');

function selectedSuites(ids: readonly string[]): readonly Suite[] {
  if (ids.length === 0) return SUITES;
  const unknown = ids.filter((id) => !SUITES.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.id).join(', ')}`);
  return SUITES.filter((s) => ids.includes(s.id));
}

async function main(): Promise<void> {
  const ids = process.argv.slice(2);
  const suites = selectedSuites(ids);
  const command = ['npm run bench', ...(ids.length > 0 ? ['--', ...ids] : [])].join(' ');
  const startedAt = new Date();
  const started = performance.now();
  const sections: SuiteSection[] = [];
  for (const suite of suites) {
    console.log(`Running ${suite.title} …`);
    const section = { title: suite.title, notes: suite.notes, rows: await suite.run() };
    console.log(`${formatTable(section)}\n`);
    sections.push(section);
  }
  const seconds = (performance.now() - started) / 1000;
  writeMarkdown(OUTPUT, sections, { command, startedAt, seconds }, SUITES.map((s) => s.title));
  console.log(`Wrote ${OUTPUT} (${seconds.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
