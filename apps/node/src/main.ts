import { runApp } from '@cicu/shared';
import { NODE_API, NodeModule } from './app.module';
import { loadNodeConfig } from './config/node-config';

runApp(process.env, loadNodeConfig, (config) => NodeModule.forRoot(config), NODE_API);
