import { runApp } from '@cicu/shared';
import { HUB_API, HubModule } from './app.module';
import { loadHubConfig } from './config/hub-config';

runApp(process.env, loadHubConfig, (config) => HubModule.forRoot(config), HUB_API, (config) => config.HUB_PROCESSES);
