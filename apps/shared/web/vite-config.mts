import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The Vite configuration of a web app whose vite.config.mts is at `configUrl`: built into its
 * dist/, which its Nest app serves at / (WebUiModule, docs/adr-web-ui.md). `html.cspNonce`
 * puts a placeholder wherever a nonce belongs; the server replaces it per response and names
 * the same nonce in its Content-Security-Policy. `@cicu/web/…` is this folder.
 */
export function webAppConfig(configUrl: string, { devApi }: { devApi: string }): UserConfig {
  return defineConfig({
    root: fileURLToPath(new URL('.', configUrl)),
    plugins: [react()],
    resolve: { alias: { '@cicu/web': fileURLToPath(new URL('.', import.meta.url)) } },
    html: { cspNonce: '__CSP_NONCE__' },
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
    server: { proxy: { '/v1': devApi } },
  });
}
