/**
 * The node operator's key commands, from the node's own settings (UNIT_ID, OPERATOR_SECRET,
 * DATABASE_URL or DATA_DIR, PUBLIC_URL, HUB_AUDIENCE; with the embedded database stop the node
 * first, PGlite serves one process). See docs/operations.md.
 *
 *   npm run node -- enroll <hub-url> <token> [--new-keys]
 *     Makes the node's keys if it has none (or a new pair with --new-keys, e.g. after its keys
 *     were revoked), and enrols it with the coordinator's one-time token: public keys and inbox
 *     URL (PUBLIC_URL/v1/inbox), signed with the new signing key. Prints the node id (the same
 *     one when a node out of service at that inbox is enrolled again); the node waits for the
 *     coordinator's approval, then runs with NODE_ID and HUB_URL. The hub's tokens never start
 *     with '-'; one from an older hub that does goes after '--' (`enroll <hub-url> -- <token>`).
 *
 *   npm run node -- rotate-keys
 *     (HUB_URL and NODE_ID set.) Registers a new signing and encryption key with the hub, signed
 *     with the current key, and makes them current; the old ones stay valid for the hub's
 *     overlap window. A running node (PostgreSQL) picks them up at its next directory refresh.
 *
 * Exit 0 done, 1 refused (the reason on stderr), 2 usage.
 */
import { parseArgs } from 'node:util';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CLOCK, DatabaseModule, KeyringModule, SYSTEM_CLOCK } from '../apps/shared/src/index';
import { loadNodeConfig, NODE_CONFIG, type NodeConfig } from '../apps/node/src/config/node-config';
import { NODE_ENTITIES } from '../apps/node/src/database/entities';
import { NODE_MIGRATIONS } from '../apps/node/src/database/migrations';
import { NodeDirectoryModule } from '../apps/node/src/directory/directory.module';
import { NodeKeysService } from '../apps/node/src/key-lifecycle/node-keys.service';
import { runCli, UsageError } from './cli';

const USAGE = 'usage: node enroll <hub-url> <token> [--new-keys] | node rotate-keys';

@Module({})
class NodeKeysCliModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: NodeKeysCliModule,
      imports: [
        { module: class NodeCliConfigModule {}, global: true, providers: [{ provide: NODE_CONFIG, useValue: config }, { provide: CLOCK, useValue: SYSTEM_CLOCK }], exports: [NODE_CONFIG, CLOCK] },
        DatabaseModule.forRoot(() => ({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, idleInTransactionSeconds: config.DATABASE_IDLE_TRANSACTION_SECONDS, entities: NODE_ENTITIES, migrations: NODE_MIGRATIONS })),
        KeyringModule.forRoot({ secret: config.OPERATOR_SECRET, pbes2Count: config.SEAL_PBES2_COUNT, purposes: ['sig', 'enc'] }),
        // The directory without its refresh job: the hub's keys are pinned (or read from
        // HUB_JWKS_FILE) and its signed snapshot read, nothing touches Redis.
        NodeDirectoryModule.forRoot({ sync: false }),
      ],
      providers: [NodeKeysService],
    };
  }
}

async function withNode<T>(config: NodeConfig, work: (keys: NodeKeysService) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(NodeKeysCliModule.forRoot(config), { logger: ['error'], abortOnError: false });
  try {
    return await work(app.get(NodeKeysService));
  } finally {
    await app.close();
  }
}

async function enroll(env: NodeJS.ProcessEnv, hubUrl: string, token: string, newKeys: boolean): Promise<number> {
  if (!/^https?:\/\/\S+$/.test(hubUrl)) throw new UsageError(`<hub-url> must be an http(s) URL\n${USAGE}`);
  // No NODE_ID: the hub assigns it (or keeps it, for a node enrolled again), and no client
  // assertion of a possibly revoked key should travel with the enrolment.
  const config = loadNodeConfig({ ...env, HUB_URL: hubUrl, NODE_ID: undefined });
  const enrolled = await withNode(config, (keys) => keys.enroll(token, { newKeys }));
  console.log(`node ${enrolled.nodeId} of ${enrolled.unitId} ${enrolled.reenrolled ? 'enrolled again with new keys' : 'enrolled'}, ${enrolled.status} until the coordinator approves it`);
  for (const key of enrolled.keys) console.log(`  ${key.use === 'sig' ? 'signing key   ' : 'encryption key'} ${key.kid}`);
  console.log(`Once approved, run the node with NODE_ID=${enrolled.nodeId} HUB_URL=${hubUrl.replace(/\/+$/, '')}`);
  return 0;
}

async function rotateKeys(env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadNodeConfig(env);
  if (config.HUB_URL === undefined || config.NODE_ID === undefined) throw new UsageError(`rotate-keys needs HUB_URL and NODE_ID (the node is enrolled)\n${USAGE}`);
  const { promoted, rotated } = await withNode(config, (keys) => keys.rotate());
  console.log(`new keys current: ${promoted.join(', ')}`);
  for (const key of rotated?.retiring ?? []) console.log(`  ${key.kid} (${key.use}) stays valid until ${key.retiresAt}`);
  return 0;
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'new-keys': { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [command, ...rest] = parsed.positionals;
  if (command === 'enroll' && rest.length === 2) return enroll(env, rest[0]!, rest[1]!, parsed.values['new-keys'] === true);
  if (command === 'rotate-keys' && rest.length === 0 && parsed.values['new-keys'] === undefined) return rotateKeys(env);
  throw new UsageError(USAGE);
}

runCli(main);
