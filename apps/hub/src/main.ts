import { assertRedisReachable, ConfigError, createApp } from '@cicu/shared';
import { HUB_API, HubModule } from './app.module';
import { loadHubConfig } from './config/hub-config';

async function main(): Promise<void> {
  const config = loadHubConfig(process.env);
  await assertRedisReachable(config.REDIS_URL);
  const app = await createApp(HubModule.forRoot(config), HUB_API);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  // One clear line (or one per bad setting), no stack trace: these are operator errors.
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
