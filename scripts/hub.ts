/**
 * Operator commands of the hub, from the hub's own settings (DATABASE_URL, or DATA_DIR for the
 * embedded database: stop the hub first, PGlite allows one process).
 *
 *   npm run hub -- bootstrap-coordinator <username>
 *     Creates the first coordinator, once: refused when any coordinator exists. The password
 *     is read from stdin when piped (first line), else generated and printed. Either way it is
 *     a one-time password: the coordinator must change it at the first login
 *     (POST /v1/admin/auth/password) before anything else is open.
 *
 * There is no default password, and the password never appears on the command line (it would
 * sit in `ps` and shell history). Exit 0 done, 1 refused (the reason on stderr), 2 usage.
 */
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseModule, PasswordHasher } from '../apps/shared/src/index';
import { AccountsRepository } from '../apps/hub/src/accounts/accounts.repository';
import { AccountsService } from '../apps/hub/src/accounts/accounts.service';
import { AuditRepository } from '../apps/hub/src/audit/audit.repository';
import { AuditService } from '../apps/hub/src/audit/audit.service';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { HUB_ENTITIES } from '../apps/hub/src/database/entities';
import { HUB_MIGRATIONS } from '../apps/hub/src/database/migrations';
import { runCli, UsageError } from './cli';

const USAGE = 'usage: npm run hub -- bootstrap-coordinator <username>   (password: piped on stdin, else generated and printed)';

/** The account services and the audit log, on the hub's database; no HTTP, no keyring, no Redis. */
@Module({})
class HubAdminModule {
  static forRoot(env: Record<string, string | undefined>): DynamicModule {
    const config = loadHubConfig(env);
    return {
      module: HubAdminModule,
      imports: [DatabaseModule.forRoot(() => ({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, idleInTransactionSeconds: config.DATABASE_IDLE_TRANSACTION_SECONDS, entities: HUB_ENTITIES, migrations: HUB_MIGRATIONS }))],
      providers: [AccountsRepository, AccountsService, PasswordHasher, AuditRepository, AuditService],
    };
  }
}

/** The first line piped on stdin, or undefined when stdin is a terminal (a password typed there would echo). */
async function pipedPassword(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return line === '' ? undefined : line;
}

async function bootstrapCoordinator(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const [username, ...rest] = args;
  if (username === undefined || rest.length > 0) throw new UsageError(USAGE);
  const password = await pipedPassword();
  const app = await NestFactory.createApplicationContext(HubAdminModule.forRoot(env), { logger: ['error'], abortOnError: false });
  try {
    const { account, oneTimePassword } = await app.get(AccountsService).bootstrapCoordinator(username, password);
    console.log(`coordinator ${account.username} created: id ${account.id}`);
    if (password === undefined) console.log(`one-time password: ${oneTimePassword}`);
    console.log('Log in (POST /v1/admin/auth/login), then change the password (POST /v1/admin/auth/password): nothing else is open before.');
    return 0;
  } finally {
    await app.close();
  }
}

async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'bootstrap-coordinator':
      return bootstrapCoordinator(args, env);
    default:
      throw new UsageError(USAGE);
  }
}

runCli(main);
