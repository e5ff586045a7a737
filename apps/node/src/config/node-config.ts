import { type Static, Type } from '@sinclair/typebox';
import { CommonSettings, parseEnv } from '@cicu/shared';

const NodeSettings = Type.Object({
  ...CommonSettings,
  UNIT_ID: Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9-]{2,32}$', description: 'The unit this node serves, e.g. FR-CYBERDOUANE' }),
  PORT: Type.Integer({ default: 3001, minimum: 1, maximum: 65535 }),
  // Opens the node's sealed signing and encryption keys. Required: a node without it could
  // only make new keys at each start, orphaning its registration and everything sent to it.
  OPERATOR_SECRET: Type.String({ minLength: 16 }),
  // PBKDF2 iterations when sealing the node's keys; lowered only in tests (sealing is slow by design).
  SEAL_PBES2_COUNT: Type.Integer({ default: 600_000, minimum: 1_000, maximum: 5_000_000 }),
  // The hub (docs/adr-node-inbox.md). Optional only so that a node can start before it is
  // enrolled (and the keyring/health tests run alone): without HUB_URL the directory, the
  // mailbox pull and the inbox are inactive, and the inbox answers 503 NOT_ENROLLED.
  HUB_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'Base URL of the hub, e.g. https://hub.example' })),
  // Where the hub reaches this node (its inbox is PUBLIC_URL/v1/inbox); default http://HOST:PORT.
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  // The node id the hub assigned at enrolment: iss of this node's assertions, aud of the hub's.
  NODE_ID: Type.Optional(Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' })),
  // The hub's identity: aud of this node's assertions, iss of the hub's assertions to this node.
  HUB_AUDIENCE: Type.String({ default: 'cicu-hub', minLength: 1, maxLength: 512 }),
  // A JWK Set file with the hub's public keys; when set it wins over trust on first use.
  HUB_JWKS_FILE: Type.Optional(Type.String({ minLength: 1 })),
  DIRECTORY_REFRESH_SECONDS: Type.Integer({ default: 60, minimum: 1, maximum: 86_400 }),
  DIRECTORY_MAX_AGE_SECONDS: Type.Integer({ default: 600, minimum: 1, maximum: 604_800 }),
  // How often the audit monitor fetches the hub's latest tree head, checks it and the node's own events.
  AUDIT_MONITOR_SECONDS: Type.Integer({ default: 300, minimum: 1, maximum: 86_400 }),
  MAILBOX_POLL_SECONDS: Type.Integer({ default: 30, minimum: 1, maximum: 86_400 }),
  // Officers (docs/adr-officer-auth.md). Access tokens are short-lived: logout revokes them,
  // but a disabled officer's roles are re-read at every request anyway.
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ default: 900, minimum: 1, maximum: 3_600 }),
  LOGIN_MAX_FAILURES: Type.Integer({ default: 5, minimum: 1, maximum: 100 }),
  LOGIN_LOCKOUT_SECONDS: Type.Integer({ default: 900, minimum: 1, maximum: 86_400 }),
  // A JSON file [{username, displayName, roles, password}] of officers created at start when
  // the node has none (a demo or a fresh install); see scripts/officer-create.ts otherwise.
  DEMO_OFFICERS_FILE: Type.Optional(Type.String({ minLength: 1 })),
  // Prefix of the node's BullMQ keys in Redis (distinct per test run); the unit id is always
  // appended (nodeQueuePrefix), so nodes of two units sharing a Redis never share a queue.
  QUEUE_PREFIX: Type.String({ default: 'cicu-node', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  // Cases (docs/adr-cases.md): a supervisor other than the author approves each request.
  FOUR_EYES: Type.Boolean({ default: true }),
  // Submission of a signed message to the hub: attempts and first back-off delay (exponential).
  // 15 attempts from 5 s double up to ~45 h of hub outage, inside the hub's 48 h message age.
  SUBMIT_ATTEMPTS: Type.Integer({ default: 15, minimum: 1, maximum: 100 }),
  SUBMIT_BACKOFF_MS: Type.Integer({ default: 5_000, minimum: 1, maximum: 3_600_000 }),
  // Submissions in flight at once: each waits on a round trip to the hub, so one at a time
  // caps a node at 1 / (hub round trip) requests per second (bench/exchange.bench.ts).
  SUBMIT_CONCURRENCY: Type.Integer({ default: 64, minimum: 1, maximum: 64 }),
  // Largest file an officer may upload to the library (bytes; default 50 MiB): the multipart
  // parser stops reading past it (413). At most the hub's LIBRARY_MAX_FILE_BYTES.
  LIBRARY_MAX_FILE_BYTES: Type.Integer({ default: 50 * 1024 * 1024, minimum: 1024, maximum: 1024 * 1024 * 1024 }),
  // Largest attachment of a request or an answer (bytes; default 50 MiB): POST /v1/attachments
  // stops reading past it (413), and a received one larger is refused. At most the hub's ATTACHMENT_MAX_BYTES.
  ATTACHMENT_MAX_BYTES: Type.Integer({ default: 50 * 1024 * 1024, minimum: 1024, maximum: 1024 * 1024 * 1024 }),
  // When the reminder of a submitted request fires: this share of the time between submission and due date.
  REMINDER_FRACTION: Type.Number({ default: 0.8, exclusiveMinimum: 0, exclusiveMaximum: 1 }),
  // The built officers' web app (npm run build), served at / (docs/adr-web-ui.md). Relative to
  // the working directory, like DATA_DIR.
  WEB_DIR: Type.String({ default: 'apps/node/web/dist', minLength: 1 }),
});

export type NodeConfig = Static<typeof NodeSettings> & { DATA_DIR: string; PUBLIC_URL: string };

/** Injection token of the validated NodeConfig (provided globally by NodeModule.forRoot). */
export const NODE_CONFIG = Symbol('NODE_CONFIG');

/** Reads and validates the node's settings once, at start; see docs/operations.md. */
export function loadNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  const parsed = parseEnv(NodeSettings, env);
  return {
    ...parsed,
    DATA_DIR: parsed.DATA_DIR ?? `.data/node-${parsed.UNIT_ID.toLowerCase()}`,
    PUBLIC_URL: (parsed.PUBLIC_URL ?? `http://${parsed.HOST}:${parsed.PORT}`).replace(/\/+$/, ''),
  };
}

/**
 * The node's BullMQ prefix: QUEUE_PREFIX and the unit id. Replicas of one unit's node share
 * their queues; nodes of different units never do, whatever QUEUE_PREFIX says, since a
 * worker of one would take (and silently complete) the other's jobs: the demo test once gave
 * both nodes one prefix, and FR's submissions were consumed by DE's worker.
 */
export function nodeQueuePrefix(config: Pick<NodeConfig, 'QUEUE_PREFIX' | 'UNIT_ID'>): string {
  return `${config.QUEUE_PREFIX}-${config.UNIT_ID}`;
}
