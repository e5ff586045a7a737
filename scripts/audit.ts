/**
 * The audit log's offline tools.
 *
 *   npm run audit -- verify <export.jsonl> [--keys <jwks.json>] [--workers <n>]
 *     Recomputes the tree from the export's leaves and checks every signed tree head in it,
 *     against the hub keys in <jwks.json> (the hub's /.well-known/jwks.json, obtained from a
 *     source the auditor trusts); without --keys, against the export's own keys, which only
 *     proves the export is consistent with itself. Prints one JSON report; exit 0 verified,
 *     1 not (firstBadIndex names the first bad leaf), 2 usage. --workers: hash the leaves on n
 *     worker threads while this one rebuilds the tree (default 0: all on this thread, which
 *     measured faster on a loaded 2-core machine; see docs/benchmarks.md).
 *
 *   npm run audit -- verify --hub <url> --user <auditor> [--keys <jwks.json>] [--heads <file>] [--workers <n>]
 *     The same check over the whole log as a running hub serves it (GET /v1/audit/leaves, paged,
 *     up to its latest signed tree head), logged in as an auditor whose password is read from the
 *     AUDIT_PASSWORD environment variable (never from the command line, where ps would show it).
 *     --heads: a file of tree heads the auditor kept (one compact JWS per line, e.g. from
 *     receipts or a node's monitor), checked as well: a hub that rewrote or shrank its log fails
 *     on them even when it re-signed its latest head. Without --keys, the hub's served
 *     /.well-known/jwks.json, which proves only that the hub agrees with itself. Exit codes as for a file, and 3 when the
 *     hub could not be read (unreachable, login refused, nothing signed yet): nothing verified.
 *
 *   npm run audit -- export --from <RFC 3339> --to <RFC 3339> [--out <file>]
 *     (JSON Lines: the header, then one leaf per line; audit-export-file.ts)
 *     From the hub's database (DATABASE_URL, or DATA_DIR for the embedded one: stop the hub
 *     first), the entries recorded in the period up to the last tree head issued by --to, with
 *     those heads, the compact range before them and the hub's public keys. No key is opened.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type JsonWebKeySet, type PublicJwk } from '../libs/crypto/src/index';
import { DatabaseModule } from '../apps/shared/src/index';
import { AuditRepository } from '../apps/hub/src/audit/audit.repository';
import { auditExportFile, readAuditExport } from '../apps/hub/src/audit/export/audit-export-file';
import { AuditExportService } from '../apps/hub/src/audit/export/audit-export.service';
import { workerChunkHasher } from '../apps/hub/src/audit/export/parallel-verify';
import { downloadAuditLog, HubAuditDownloadError } from '../apps/hub/src/audit/export/hub-audit-download';
import { verifyAuditExport } from '../apps/hub/src/audit/export/verify-export';
import { HUB_ENTITIES } from '../apps/hub/src/database/entities';
import { HUB_MIGRATIONS } from '../apps/hub/src/database/migrations';
import { runCli, UsageError } from './cli';

const USAGE =
  'usage: audit verify <export.jsonl> [--keys <jwks.json>] [--workers <n>]\n' +
  '       audit verify --hub <url> --user <auditor> [--keys <jwks.json>] [--heads <file>] [--workers <n>]   (password in AUDIT_PASSWORD)\n' +
  '       audit export --from <time> --to <time> [--out <file>]';

@Module({})
class AuditExportModule {
  static forRoot(env: Record<string, string | undefined>): DynamicModule {
    return {
      module: AuditExportModule,
      imports: [DatabaseModule.forRoot(() => ({ url: env['DATABASE_URL'], dataDir: env['DATA_DIR'] ?? '.data/hub', poolSize: 2, entities: HUB_ENTITIES, migrations: HUB_MIGRATIONS }))],
      providers: [AuditRepository, AuditExportService],
    };
  }
}

function time(name: string, raw: string | undefined): Date {
  const at = raw === undefined ? Number.NaN : Date.parse(raw);
  if (Number.isNaN(at)) throw new UsageError(`--${name} must be an RFC 3339 time\n${USAGE}`);
  return new Date(at);
}

/** Where the leaves to verify come from: an export file, or a running hub read as an auditor. */
type Source = { file: string } | { hub: string; username: string; password: string; heads: string[] };

async function verify(source: Source, keysFile: string | undefined, workers: number): Promise<number> {
  const keys = keysFile === undefined ? undefined : (JSON.parse(readFileSync(keysFile, 'utf8')) as JsonWebKeySet<PublicJwk>);
  const started = performance.now();
  let value: unknown;
  let from: Record<string, unknown>;
  if ('file' in source) {
    value = await readAuditExport(source.file);
    from = { file: source.file };
  } else {
    let download;
    try {
      download = await downloadAuditLog(source.hub, { username: source.username, password: source.password }, source.heads);
    } catch (error) {
      if (!(error instanceof HubAuditDownloadError)) throw error;
      console.error(`audit verify: ${error.code}: ${error.message}`);
      return 3;
    }
    value = download.export;
    from = { hub: source.hub, latestTreeSize: download.latestTreeSize, keptTreeHeads: source.heads.length };
  }
  const hasher = workers > 0 ? workerChunkHasher(workers) : undefined;
  let result;
  try {
    result = await verifyAuditExport(value, keys, hasher === undefined ? {} : { hashChunk: hasher.hashChunk });
  } finally {
    await hasher?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const { problems, ...summary } = result;
  const trustedKeys = keysFile ?? ('file' in source ? 'the export’s own' : 'the hub’s served /.well-known/jwks.json');
  // The first few problems name the damage; thousands of consequences of one deletion would not.
  console.log(JSON.stringify({ ...from, ...summary, trustedKeys, seconds: Number(seconds.toFixed(3)), problems: problems.slice(0, 20), moreProblems: Math.max(0, problems.length - 20) }, null, 2));
  return result.ok ? 0 : 1;
}

/** The compact JWS tree heads of a file, one per line (blank lines ignored). */
function keptHeads(file: string | undefined): string[] {
  if (file === undefined) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

async function exportLog(env: Record<string, string | undefined>, from: Date, to: Date, out: string | undefined): Promise<number> {
  const app = await NestFactory.createApplicationContext(AuditExportModule.forRoot(env), { logger: ['error'], abortOnError: false });
  try {
    const stream = out === undefined ? process.stdout : createWriteStream(out);
    const header = await app.get(AuditExportService).streamPeriod(from, to, auditExportFile(stream));
    if (out !== undefined) await finished(stream.end());
    console.error(`exported leaves [${header.start}, ${header.start + header.leafCount}) with ${header.treeHeads.length} tree heads`);
    return 0;
  } finally {
    await app.close();
  }
}

async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { keys: { type: 'string' }, workers: { type: 'string' }, hub: { type: 'string' }, user: { type: 'string' }, heads: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [command, file, ...rest] = parsed.positionals;
  const workers = Number(parsed.values.workers ?? '0');
  if (!Number.isSafeInteger(workers) || workers < 0 || workers > 64) throw new UsageError(`--workers must be an integer in 0..64\n${USAGE}`);
  const { hub, user, heads, keys } = parsed.values;
  if (command === 'verify' && hub !== undefined && file === undefined) {
    const password = env['AUDIT_PASSWORD'];
    if (user === undefined || password === undefined || password === '') throw new UsageError(`--hub needs --user and the auditor's password in AUDIT_PASSWORD\n${USAGE}`);
    return verify({ hub, username: user, password, heads: keptHeads(heads) }, keys, workers);
  }
  if (command === 'verify' && hub === undefined && user === undefined && heads === undefined && file !== undefined && rest.length === 0) return verify({ file }, keys, workers);
  if (command === 'export' && file === undefined) return exportLog(env, time('from', parsed.values.from), time('to', parsed.values.to), parsed.values.out);
  throw new UsageError(USAGE);
}

runCli(main);
