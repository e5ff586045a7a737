/**
 * Creates one officer on a node, from the node's own settings (DATABASE_URL, or DATA_DIR for
 * the embedded database: stop the node first, PGlite allows one process).
 *
 *   OFFICER_PASSWORD=… node -r @swc-node/register scripts/officer-create.ts \
 *     --username j.martin --display-name "Jeanne Martin" --roles officer,supervisor
 *   … or pipe the password on stdin (first line) instead of OFFICER_PASSWORD.
 *
 * The password never appears on the command line (it would sit in `ps` and shell history).
 * Exit 0 created, 1 refused (the reason on stderr), 2 usage.
 */
import { parseArgs } from 'node:util';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseModule } from '../apps/shared/src/index';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { NODE_ENTITIES } from '../apps/node/src/database/entities';
import { NODE_MIGRATIONS } from '../apps/node/src/database/migrations';
import { OfficersModule } from '../apps/node/src/officers/officers.module';
import { OfficersService } from '../apps/node/src/officers/officers.service';
import { runCli, UsageError } from './cli';

const USAGE = 'usage: officer-create --username <name> --display-name <name> --roles officer[,supervisor]  (password: OFFICER_PASSWORD or stdin)';

@Module({})
class OfficerAdminModule {
  static forRoot(env: Record<string, string | undefined>): DynamicModule {
    const config = loadNodeConfig(env);
    return {
      module: OfficerAdminModule,
      imports: [
        DatabaseModule.forRoot(() => ({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, idleInTransactionSeconds: config.DATABASE_IDLE_TRANSACTION_SECONDS, entities: NODE_ENTITIES, migrations: NODE_MIGRATIONS })),
        OfficersModule.forRoot({}, { withController: false }),
      ],
    };
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('set OFFICER_PASSWORD or pipe the password on stdin (it is not read from a terminal: it would echo)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '');
}

async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { username: { type: 'string' }, 'display-name': { type: 'string' }, roles: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.username === undefined || values.roles === undefined) throw new UsageError(USAGE);
  const password = env['OFFICER_PASSWORD'] ?? (await readStdin());
  const app = await NestFactory.createApplicationContext(OfficerAdminModule.forRoot(env), { logger: ['error'], abortOnError: false });
  try {
    const officer = await app.get(OfficersService).create({
      username: values.username,
      displayName: values['display-name'] ?? values.username,
      roles: values.roles.split(',').map((r) => r.trim()),
      password,
    });
    console.log(`officer ${officer.username} created: id ${officer.id}, roles ${officer.roles.join(', ')}`);
    return 0;
  } finally {
    await app.close();
  }
}

runCli(main);
