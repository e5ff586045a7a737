import { assertRedisReachable, ConfigError, createApp } from '@cicu/shared';
import { NODE_API, NodeModule } from './app.module';
import { loadNodeConfig } from './config/node-config';

async function main(): Promise<void> {
  const config = loadNodeConfig(process.env);
  await assertRedisReachable(config.REDIS_URL);
  const app = await createApp(NodeModule.forRoot(config), NODE_API);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  // One clear line (or one per bad setting), no stack trace: these are operator errors.
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
