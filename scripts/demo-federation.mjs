// The demo federation: a hub and two national nodes (FR "Cyberdou@ne", DE "ZIRE") on one
// machine, each on its embedded PGlite database under `dataDir` unless a DATABASE_URL is given.
// Used by `npm start` (scripts/start-demo.mjs, on the compiled dist/) and by the smoke test
// test/demo.e2e-spec.ts (on the TypeScript sources, ports and data directory of its own).
//
// Everything generated lives in `dataDir`, once:
//   demo-secrets.json          (0600) operator secrets, node ids, demo officers' passwords
//   demo-officers-<unit>.json  (0600) the node's DEMO_OFFICERS_FILE (loaded when it has no officer)
//   demo-admins.json           (0600) the hub's DEMO_ADMINS_FILE: a coordinator and an auditor (loaded when it has no account)
//   demo-nodes.json            the hub's DEMO_NODES_FILE: each node's id, inbox and public JWK Set
// First run: each node starts once without HUB_URL (not enrolled) to create its keys, its JWK
// Set is read from /.well-known/jwks.json, and it stops. Then the hub starts with
// DEMO_NODES_FILE (it registers the nodes it does not know yet), then the nodes with HUB_URL,
// NODE_ID and PUBLIC_URL. Later runs skip the first step and reuse everything.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEMO_UNITS = [
  {
    name: 'FR',
    unitId: 'FR-CYBERDOUANE',
    label: 'France "Cyberdou@ne"',
    officers: [
      { username: 'fr.officer', displayName: 'Agent (demo), Cyberdou@ne', roles: ['officer'] },
      { username: 'fr.supervisor', displayName: 'Superviseur (demo), Cyberdou@ne', roles: ['officer', 'supervisor'] },
    ],
  },
  {
    name: 'DE',
    unitId: 'DE-ZIRE',
    label: 'Germany "ZIRE"',
    officers: [
      { username: 'de.officer', displayName: 'Sachbearbeiter (demo), ZIRE', roles: ['officer'] },
      { username: 'de.supervisor', displayName: 'Sachgebietsleiter (demo), ZIRE', roles: ['officer', 'supervisor'] },
    ],
  },
];

/** The hub's demo coordinator and auditor (DEMO_ADMINS_FILE); a real hub bootstraps its first coordinator. */
export const DEMO_ADMINS = [
  { username: 'demo.coordinator', displayName: 'Coordinator (demo)', role: 'coordinator' },
  { username: 'demo.auditor', displayName: 'Auditor (demo)', role: 'auditor' },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function writePrivate(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The demo's secrets, generated on first use and kept in dataDir/demo-secrets.json (0600):
 * { operatorSecrets: {hub, FR, DE}, nodes: {FR: {id}, DE: {id}}, officers: {FR: [...], DE: [...]}, admins: [...] }.
 * A file of the earlier format ({hub, FR, DE} operator secrets only) is completed, not replaced.
 */
export function demoSecrets(dataDir) {
  const file = resolve(dataDir, 'demo-secrets.json');
  mkdirSync(dataDir, { recursive: true });
  const old = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secret = () => randomBytes(32).toString('base64url');
  const secrets = {
    operatorSecrets: old.operatorSecrets ?? { hub: old.hub ?? secret(), ...Object.fromEntries(DEMO_UNITS.map((u) => [u.name, old[u.name] ?? secret()])) },
    nodes: old.nodes ?? Object.fromEntries(DEMO_UNITS.map((u) => [u.name, { id: randomUUID() }])),
    officers:
      old.officers ??
      Object.fromEntries(DEMO_UNITS.map((u) => [u.name, u.officers.map((o) => ({ ...o, password: randomBytes(15).toString('base64url') }))])),
    admins: old.admins ?? DEMO_ADMINS.map((a) => ({ ...a, password: randomBytes(15).toString('base64url') })),
  };
  if (JSON.stringify(secrets) !== JSON.stringify(old)) writePrivate(file, secrets);
  return secrets;
}

async function waitForHealth(app, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'not listening';
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) throw new Error(`${app.name} exited (code ${app.child.exitCode ?? app.child.signalCode}) before it was healthy${app.tail()}`);
    try {
      const res = await fetch(`${app.url}/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${app.name} did not become healthy at ${app.url}/health within ${timeoutMs / 1000} s (last answer: ${last})${app.tail()}`);
}

async function stopApp(app) {
  const { child } = app;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  app.stopping = true;
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function jwksOf(url) {
  const res = await fetch(`${url}/.well-known/jwks.json`);
  if (!res.ok) throw new Error(`GET ${url}/.well-known/jwks.json answered ${res.status}`);
  return res.json();
}

/** Whether the node still holds every key registered for it (a node that rotated since publishes more: its retired keys stay listed). */
const holdsRegisteredKeys = (published, registered) => registered.keys.every((key) => published.keys.some((k) => k.kid === key.kid));

/**
 * Starts the federation and resolves once all three apps answer /health with 200.
 *
 * options: root (repository), dataDir, host (127.0.0.1), ports {hub, FR, DE},
 *   runtime 'dist' (compiled, default) or 'ts' (node -r @swc-node/register on the sources),
 *   databaseUrls {hub, FR, DE} (unset: PGlite in dataDir), env (extra settings for every app),
 *   appEnv {hub, node} (extra settings for the hub, for both nodes: e.g. each one's WEB_DIR),
 *   extraNodes [{id, unitId, inboxUrl, jwks}] (tests: more nodes the hub registers at its first start),
 *   output 'inherit' (default) or 'collect' (kept in memory, shown in errors),
 *   healthTimeoutMs (90 s), log (console.log), onUnexpectedExit(name, code).
 * Returns { hub: {url}, nodes: [{name, unitId, label, url, nodeId}], logins: [{unit, username, password, roles}],
 *   adminLogins: [{username, password, role}] (the hub's), secretsFile, stop(),
 *   output(name) (the last 8,000 characters an app printed, 'hub', 'FR' or 'DE', with output 'collect') }.
 * On a failure every app it started is stopped before the error is thrown.
 */
export async function startFederation(options) {
  const { root, dataDir, host = '127.0.0.1', ports, runtime = 'dist', databaseUrls = {}, env: extraEnv = {}, appEnv = {}, extraNodes = [], output = 'inherit', healthTimeoutMs = 90_000, log = console.log, onUnexpectedExit } = options;
  const secrets = demoSecrets(dataDir);
  const hubUrl = `http://${host}:${ports.hub}`;
  const entry = (app) => (runtime === 'ts' ? ['-r', '@swc-node/register', resolve(root, `apps/${app}/src/main.ts`)] : [resolve(root, `dist/apps/${app}/src/main.js`)]);
  const running = new Set();
  /** Every app started under a name, the last one of that name kept: for `output(name)`. */
  const started = new Map();

  function spawnApp(name, app, port, env) {
    const fullEnv = { ...process.env, LOG_LEVEL: 'warn', ...extraEnv, ...env, PORT: String(port), HOST: host };
    for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
    const collect = output === 'collect';
    const child = spawn(process.execPath, entry(app), { cwd: root, env: fullEnv, stdio: ['ignore', collect ? 'pipe' : 'inherit', collect ? 'pipe' : 'inherit'] });
    const handle = { name, child, url: `http://${host}:${port}`, stopping: false, lines: [] };
    handle.tail = () => (handle.lines.length === 0 ? '' : `; its last output:\n${handle.lines.join('').slice(-4000)}`);
    if (collect) {
      const keep = (chunk) => {
        handle.lines.push(chunk.toString());
        if (handle.lines.length > 200) handle.lines.shift();
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
    }
    running.add(handle);
    started.set(name, handle);
    child.once('exit', (code, signal) => {
      running.delete(handle);
      if (!handle.stopping) onUnexpectedExit?.(name, code ?? signal);
    });
    return handle;
  }

  const stop = async () => {
    await Promise.all([...running].map(stopApp));
  };

  const nodeEnv = (unit) => {
    const officersFile = resolve(dataDir, `demo-officers-${unit.name.toLowerCase()}.json`);
    writePrivate(officersFile, secrets.officers[unit.name]);
    return {
      ...appEnv.node,
      UNIT_ID: unit.unitId,
      DATA_DIR: resolve(dataDir, `node-${unit.unitId.toLowerCase()}`),
      DATABASE_URL: databaseUrls[unit.name],
      OPERATOR_SECRET: secrets.operatorSecrets[unit.name],
      DEMO_OFFICERS_FILE: officersFile,
    };
  };
  const publicUrl = (unit) => `http://${host}:${ports[unit.name]}`;

  try {
    // (a) First run: each node creates its keys, unenrolled; the hub learns them from demo-nodes.json.
    const nodesFile = resolve(dataDir, 'demo-nodes.json');
    if (!existsSync(nodesFile)) {
      log('First run: starting each node once to create its keys…');
      const registrations = await Promise.all(
        DEMO_UNITS.map(async (unit) => {
          const app = spawnApp(`${unit.name} (key set-up)`, 'node', ports[unit.name], nodeEnv(unit));
          try {
            await waitForHealth(app, healthTimeoutMs);
            const jwks = await jwksOf(app.url);
            return { id: secrets.nodes[unit.name].id, unitId: unit.unitId, inboxUrl: `${publicUrl(unit)}/v1/inbox`, jwks };
          } finally {
            await stopApp(app);
          }
        }),
      );
      writeFileSync(nodesFile, `${JSON.stringify([...registrations, ...extraNodes], null, 2)}\n`);
    }
    const registered = JSON.parse(readFileSync(nodesFile, 'utf8'));

    // (b) The hub, which registers the nodes it does not know yet and, at its first start, the demo coordinator and auditor.
    const adminsFile = resolve(dataDir, 'demo-admins.json');
    writePrivate(adminsFile, secrets.admins);
    const hub = spawnApp('hub', 'hub', ports.hub, {
      ...appEnv.hub,
      DATA_DIR: resolve(dataDir, 'hub'),
      DATABASE_URL: databaseUrls.hub,
      OPERATOR_SECRET: secrets.operatorSecrets.hub,
      DEMO_NODES_FILE: nodesFile,
      DEMO_ADMINS_FILE: adminsFile,
    });
    await waitForHealth(hub, healthTimeoutMs);

    // (c) The nodes, enrolled: their first directory fetch happens at start, so /health is green.
    const nodes = await Promise.all(
      DEMO_UNITS.map(async (unit) => {
        const nodeId = secrets.nodes[unit.name].id;
        const app = spawnApp(unit.name, 'node', ports[unit.name], { ...nodeEnv(unit), HUB_URL: hubUrl, NODE_ID: nodeId, PUBLIC_URL: publicUrl(unit) });
        await waitForHealth(app, healthTimeoutMs);
        const expected = registered.find((r) => r.id === nodeId);
        if (expected === undefined || !holdsRegisteredKeys(await jwksOf(app.url), expected.jwks)) {
          throw new Error(`${unit.name}'s keys are not the ones registered in ${nodesFile} (was its data directory deleted?). Delete ${dataDir} to start the demo afresh.`);
        }
        return { name: unit.name, unitId: unit.unitId, label: unit.label, url: app.url, nodeId };
      }),
    );
    const logins = DEMO_UNITS.flatMap((unit) => secrets.officers[unit.name].map(({ username, password, roles }) => ({ unit: unit.name, username, password, roles })));
    const output = (name) => started.get(name)?.lines.join('').slice(-8000) ?? '';
    const adminLogins = secrets.admins.map(({ username, password, role }) => ({ username, password, role }));
    return { hub: { url: hubUrl }, nodes, logins, adminLogins, secretsFile: resolve(dataDir, 'demo-secrets.json'), stop, output };
  } catch (error) {
    await stop();
    throw error;
  }
}
