import { type Static, Type } from '@sinclair/typebox';
import { CommonSettings, parseEnv } from '@cicu/shared';

const HubSettings = Type.Object({
  ...CommonSettings,
  PORT: Type.Integer({ default: 3000, minimum: 1, maximum: 65535 }),
});

export type HubConfig = Static<typeof HubSettings> & { DATA_DIR: string };

/** Reads and validates the hub's settings once, at start; see docs/operations.md. */
export function loadHubConfig(env: Record<string, string | undefined>): HubConfig {
  const parsed = parseEnv(HubSettings, env);
  return { ...parsed, DATA_DIR: parsed.DATA_DIR ?? '.data/hub' };
}
