import { webAppConfig } from '../../shared/web/vite-config.mts';

// The officers' web app (docs/adr-web-ui.md), built into apps/node/web/dist, which the node
// serves at / (WebUiModule). `npx vite apps/node/web` during development: the API of a node
// running on 3001.
export default webAppConfig(import.meta.url, { devApi: 'http://127.0.0.1:3001' });
