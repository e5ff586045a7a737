#!/usr/bin/env node
// `npm start`: runs the hub and two demo nodes (FR "Cyberdou@ne" and DE "ZIRE") on
// localhost from the compiled dist/, each on its embedded PGlite database under .data/
// unless DATABASE_URL_HUB / DATABASE_URL_FR / DATABASE_URL_DE are set. Redis must answer
// at REDIS_URL (default redis://127.0.0.1:6379). Ports: HUB_PORT, FR_PORT, DE_PORT.
//
// On the first run it generates, into .data/demo-secrets.json (mode 0600, git-ignored), the
// operator secrets that seal each app's private keys, the node ids, and random passwords of
// the demo officers and of the hub's demo coordinator and auditor; it then enrols both nodes in the hub with their own keys (see
// scripts/demo-federation.mjs). Later runs reuse all of it. A real deployment sets
// OPERATOR_SECRET from its own secret store and enrols nodes itself (docs/operations.md).
import { resolve } from 'node:path';
import { startFederation } from './demo-federation.mjs';

const root = resolve(import.meta.dirname, '..');
const host = process.env.HOST ?? '127.0.0.1';
let federation;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  await federation?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  federation = await startFederation({
    root,
    dataDir: resolve(root, '.data'),
    host,
    ports: { hub: Number(process.env.HUB_PORT ?? 3000), FR: Number(process.env.FR_PORT ?? 3001), DE: Number(process.env.DE_PORT ?? 3002) },
    databaseUrls: { hub: process.env.DATABASE_URL_HUB, FR: process.env.DATABASE_URL_FR, DE: process.env.DATABASE_URL_DE },
    // The apps read DATABASE_URL themselves; the demo passes one per app instead.
    env: { DATABASE_URL: undefined, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    onUnexpectedExit: (name, code) => {
      if (stopping) return;
      console.error(`${name} stopped (exit ${code}); stopping the demo.`);
      void stopAll(1);
    },
  });
} catch (error) {
  console.error(`The demo did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (!stopping) {
  const { hub, nodes, logins, adminLogins, secretsFile } = federation;
  const pad = (s, n) => s.padEnd(n);
  console.log('\ncicu-exchange demo is running:');
  console.log(`  ${pad('hub', 24)} ${hub.url}   API explorer: ${hub.url}/docs`);
  for (const node of nodes) console.log(`  ${pad(`${node.name} ${node.label}`, 24)} ${node.url}   API explorer: ${node.url}/docs`);
  console.log('\nDemo logins (POST /v1/auth/login on the node, then "Authorize" in /docs with the accessToken):');
  for (const login of logins) {
    const node = nodes.find((n) => n.name === login.unit);
    console.log(`  ${pad(login.unit, 3)} ${pad(login.username, 14)} ${pad(login.password, 22)} ${pad(login.roles.join('+'), 19)} ${node.url}`);
  }
  console.log('\nHub logins (POST /v1/admin/auth/login on the hub, then "Authorize" in /docs with the accessToken):');
  for (const login of adminLogins) console.log(`  ${pad('hub', 3)} ${pad(login.username, 17)} ${pad(login.password, 22)} ${pad(login.role, 16)} ${hub.url}`);
  console.log(`\n(from ${secretsFile}; delete .data/ to start afresh)`);
  console.log('Press Ctrl+C to stop.');
}
