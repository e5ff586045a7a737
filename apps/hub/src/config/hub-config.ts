import { resolve } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { CommonSettings, parseEnv } from '@cicu/shared';

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
  // The exact `aud` a node's client assertion must carry (docs/adr-node-auth.md).
  HUB_AUDIENCE: Type.String({ default: 'cicu-hub', minLength: 1, maxLength: 512 }),
});

export type HubConfig = Static<typeof HubSettings> & { DATA_DIR: string };

/** Injection token of the validated HubConfig (provided globally by HubModule.forRoot). */
export const HUB_CONFIG = Symbol('HUB_CONFIG');

/** Reads and validates the hub's settings once, at start; see docs/operations.md. */
export function loadHubConfig(env: Record<string, string | undefined>): HubConfig {
  const parsed = parseEnv(HubSettings, env);
  return { ...parsed, DATA_DIR: parsed.DATA_DIR ?? '.data/hub', DIRECTORY_SEED_FILE: resolve(parsed.DIRECTORY_SEED_FILE) };
}
