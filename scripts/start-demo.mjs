#!/usr/bin/env node
// `npm start`: runs the hub and two demo nodes (FR "Cyberdou@ne" and DE "ZIRE") on
// localhost from the compiled dist/, each on its embedded PGlite database under .data/
// unless DATABASE_URL_HUB / DATABASE_URL_FR / DATABASE_URL_DE are set. Redis must answer
// at REDIS_URL (default redis://127.0.0.1:6379).
//
// Demo operator secrets are generated on first run into .data/demo-secrets.json (mode 0600,
// git-ignored): they seal each app's private keys. A real deployment sets OPERATOR_SECRET
// from its own secret store (see docs/operations.md).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, '.data');
const host = process.env.HOST ?? '127.0.0.1';
const hubPort = Number(process.env.HUB_PORT ?? 3000);
const hubUrl = `http://${host}:${hubPort}`;

const apps = [
  { name: 'hub', entry: 'dist/apps/hub/src/main.js', port: hubPort, env: { DATABASE_URL: process.env.DATABASE_URL_HUB } },
  { name: 'FR', entry: 'dist/apps/node/src/main.js', port: Number(process.env.FR_PORT ?? 3001), env: { UNIT_ID: 'FR-CYBERDOUANE', HUB_URL: hubUrl, DATABASE_URL: process.env.DATABASE_URL_FR } },
  { name: 'DE', entry: 'dist/apps/node/src/main.js', port: Number(process.env.DE_PORT ?? 3002), env: { UNIT_ID: 'DE-ZIRE', HUB_URL: hubUrl, DATABASE_URL: process.env.DATABASE_URL_DE } },
];

function demoSecrets() {
  const file = resolve(dataDir, 'demo-secrets.json');
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = Object.fromEntries(apps.map((app) => [app.name, randomBytes(32).toString('base64url')]));
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function waitForHealth(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

const secrets = demoSecrets();
const children = [];
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

for (const app of apps) {
  const env = { ...process.env, ...app.env, PORT: String(app.port), HOST: host, OPERATOR_SECRET: secrets[app.name], LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  if (!env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [resolve(root, app.entry)], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${app.name} stopped (exit code ${code}); stopping the demo.`);
      stopAll(code ?? 1);
    }
  });
  children.push(child);
  const url = `http://${host}:${app.port}`;
  if (!(await waitForHealth(url, child))) {
    console.error(`${app.name} did not become healthy at ${url}/health.`);
    stopAll(1);
    break;
  }
  app.url = url;
}

if (!stopping) {
  console.log('\ncicu-exchange demo is running:');
  for (const app of apps) console.log(`  ${app.name.padEnd(3)} ${app.url}   API explorer: ${app.url}/docs`);
  console.log('\nPress Ctrl+C to stop.');
}
