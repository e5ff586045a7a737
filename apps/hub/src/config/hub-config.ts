import { resolve } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { CommonSettings, ConfigError, parseEnv } from '@cicu/shared';
import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF } from '../messages/delivery/delivery.jobs';

const HubSettings = Type.Object({
  ...CommonSettings,
  PORT: Type.Integer({ default: 3000, minimum: 1, maximum: 65535 }),
  // Opens the hub's sealed signing key. Required: a hub without it could only make a new
  // key at each start, which would orphan every receipt and snapshot signed before.
  OPERATOR_SECRET: Type.String({ minLength: 16 }),
  // PBKDF2 iterations when sealing the hub key; lowered only in tests (sealing is slow by design).
  SEAL_PBES2_COUNT: Type.Integer({ default: 600_000, minimum: 1_000, maximum: 5_000_000 }),
  // Loaded once, at the first start (empty directory); relative paths from the working directory.
  DIRECTORY_SEED_FILE: Type.String({ default: 'deploy/fixtures/directory.json', minLength: 1 }),
  // Demo only: a JSON file [{id, unitId, inboxUrl, jwks}] of nodes enrolled at start when their
  // id is not in the directory yet (written by `npm start`); unset = never.
  DEMO_NODES_FILE: Type.Optional(Type.String({ minLength: 1 })),
  // The exact `aud` a node's client assertion must carry (docs/adr-node-auth.md).
  HUB_AUDIENCE: Type.String({ default: 'cicu-hub', minLength: 1, maxLength: 512 }),
  // How far in the future a submitted message's createdAt may be (CLOCK_SKEW).
  MAX_CLOCK_SKEW_SECONDS: Type.Integer({ default: 300, minimum: 1, maximum: 86_400 }),
  // How old it may be. Replay is refused by message id, kept forever, so age only bounds how
  // long a node may hold a signed message: long enough to outlast a hub outage (48 h), since
  // a node resends the bytes it signed at approval (CLOCK_SKEW beyond).
  MAX_MESSAGE_AGE_SECONDS: Type.Integer({ default: 172_800, minimum: 60, maximum: 2_592_000 }),
  // Push of a message (or a receipt) to a node's inbox: per-request timeout, attempts and the
  // first back-off delay (exponential). The defaults give about 4 minutes before a message is
  // marked undeliverable; tests lower them.
  DELIVERY_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100, maximum: 120_000 }),
  DELIVERY_ATTEMPTS: Type.Integer({ default: DELIVERY_ATTEMPTS, minimum: 1, maximum: 100 }),
  DELIVERY_BACKOFF_MS: Type.Integer({ default: DELIVERY_BACKOFF.delay, minimum: 1, maximum: 3_600_000 }),
  // While a unit is suspended its deliveries are held (not pushed, not counted as attempts): a
  // held job looks again after this long. Reinstatement resumes the unit's messages at once.
  DELIVERY_HOLD_RECHECK_MS: Type.Integer({ default: 60_000, minimum: 100, maximum: 3_600_000 }),
  // How often the repeatable job signs a tree head of the audit log, when the log grew since the last one.
  AUDIT_TREE_HEAD_SECONDS: Type.Integer({ default: 60, minimum: 1, maximum: 86_400 }),
  // Hub processes on this machine (node:cluster, one listening socket): the hub is stateless but
  // for PostgreSQL and Redis, so replicas scale it across cores. Needs DATABASE_URL (PGlite is
  // one process's database). 1: no cluster.
  HUB_PROCESSES: Type.Integer({ default: 1, minimum: 1, maximum: 64 }),
  // Coordinators and auditors (docs/adr-admin-accounts.md): lifetime of an access token; of a
  // refresh token (each use gives a new one: an idle session ends after this); of a session
  // whatever its refreshes; consecutive failed logins that lock an account, and for how long.
  ADMIN_ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ default: 300, minimum: 1, maximum: 3600 }),
  ADMIN_REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ default: 1800, minimum: 1, maximum: 86_400 }),
  ADMIN_SESSION_MAX_SECONDS: Type.Integer({ default: 28_800, minimum: 1, maximum: 604_800 }),
  ADMIN_LOGIN_MAX_FAILURES: Type.Integer({ default: 5, minimum: 1, maximum: 100 }),
  ADMIN_LOGIN_LOCKOUT_SECONDS: Type.Integer({ default: 900, minimum: 1, maximum: 86_400 }),
  // Demo only: a JSON file [{username, displayName, role, password}] of coordinators and auditors
  // created at start when the hub has no account yet (written by `npm start`); unset = never.
  DEMO_ADMINS_FILE: Type.Optional(Type.String({ minLength: 1 })),
  // Node enrolment and key lifecycle (docs/adr-key-lifecycle.md): default life of an enrolment
  // token; validity given to the keys a node enrols or rotates in (their notAfter); how long the
  // keys a rotation replaces stay valid (long enough for messages signed before it, which a node
  // may resend for MAX_MESSAGE_AGE_SECONDS, and for every node's next directory refresh); how
  // long before its notAfter a key is reported in /health and the admin key listing.
  ENROLLMENT_TOKEN_TTL_SECONDS: Type.Integer({ default: 86_400, minimum: 60, maximum: 604_800 }),
  KEY_VALIDITY_DAYS: Type.Integer({ default: 365, minimum: 1, maximum: 3_650 }),
  KEY_ROTATION_OVERLAP_SECONDS: Type.Integer({ default: 604_800, minimum: 60, maximum: 7_776_000 }),
  KEY_EXPIRY_WARNING_DAYS: Type.Integer({ default: 30, minimum: 1, maximum: 365 }),
  // The coordinators' and auditors' web app (vite build apps/hub/web), served at /; relative to
  // the working directory. Without a build there the API runs alone (a warning at start).
  WEB_DIR: Type.String({ default: 'apps/hub/web/dist', minLength: 1 }),
  // Largest file a library upload may carry (bytes; default 50 MiB). The multipart parser stops
  // reading past it (413 FILE_TOO_LARGE); a node should allow at most as much.
  LIBRARY_MAX_FILE_BYTES: Type.Integer({ default: 50 * 1024 * 1024, minimum: 1024, maximum: 1024 * 1024 * 1024 }),
  // Largest attachment of a message (plaintext bytes; default 50 MiB). A sealed upload (PUT
  // /v1/messages/{id}/attachments/{n}) may be as long as the JWE of that many bytes; longer: 413.
  ATTACHMENT_MAX_BYTES: Type.Integer({ default: 50 * 1024 * 1024, minimum: 1024, maximum: 1024 * 1024 * 1024 }),
  // How often the repeatable job deletes uploads whose message never arrived within MAX_MESSAGE_AGE_SECONDS.
  ATTACHMENT_SWEEP_SECONDS: Type.Integer({ default: 3_600, minimum: 1, maximum: 86_400 }),
  // Prefix of the hub's BullMQ keys in Redis; distinct per hub sharing one Redis (and per test run).
  QUEUE_PREFIX: Type.String({ default: 'cicu-hub', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
});

export type HubConfig = Static<typeof HubSettings> & { DATA_DIR: string };

/** Injection token of the validated HubConfig (provided globally by HubModule.forRoot). */
export const HUB_CONFIG = Symbol('HUB_CONFIG');

/** Reads and validates the hub's settings once, at start; see docs/operations.md. */
export function loadHubConfig(env: Record<string, string | undefined>): HubConfig {
  const parsed = parseEnv(HubSettings, env);
  if (parsed.HUB_PROCESSES > 1 && parsed.DATABASE_URL === undefined) {
    throw new ConfigError(['HUB_PROCESSES: more than 1 needs DATABASE_URL (the embedded database serves one process)']);
  }
  return {
    ...parsed,
    DATA_DIR: parsed.DATA_DIR ?? '.data/hub',
    DIRECTORY_SEED_FILE: resolve(parsed.DIRECTORY_SEED_FILE),
    ...(parsed.DEMO_NODES_FILE !== undefined && { DEMO_NODES_FILE: resolve(parsed.DEMO_NODES_FILE) }),
    ...(parsed.DEMO_ADMINS_FILE !== undefined && { DEMO_ADMINS_FILE: resolve(parsed.DEMO_ADMINS_FILE) }),
  };
}
