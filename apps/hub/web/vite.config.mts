import { webAppConfig } from '../../shared/web/vite-config.mts';

// The coordinators' and auditors' web app (docs/adr-web-ui.md), built into apps/hub/web/dist,
// which the hub serves at / (WebUiModule). `npx vite apps/hub/web` during development: the API
// of a hub running on 3000.
export default webAppConfig(import.meta.url, { devApi: 'http://127.0.0.1:3000' });
