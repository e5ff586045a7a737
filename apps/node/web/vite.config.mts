import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

// The officers' web app (docs/adr-web-ui.md), built into apps/node/web/dist, which the node
// serves at / (WebUiModule). `html.cspNonce` puts a placeholder wherever a nonce belongs; the
// node replaces it per response and names the same nonce in its Content-Security-Policy.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  html: { cspNonce: '__CSP_NONCE__' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    // `npx vite apps/node/web` during development: the API of a node running on 3001.
    proxy: { '/v1': 'http://127.0.0.1:3001' },
  },
});
