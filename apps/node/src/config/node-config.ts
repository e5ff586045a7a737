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
});

export type NodeConfig = Static<typeof NodeSettings> & { DATA_DIR: string };

/** Reads and validates the node's settings once, at start; see docs/operations.md. */
export function loadNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  const parsed = parseEnv(NodeSettings, env);
  return { ...parsed, DATA_DIR: parsed.DATA_DIR ?? `.data/node-${parsed.UNIT_ID.toLowerCase()}` };
}
