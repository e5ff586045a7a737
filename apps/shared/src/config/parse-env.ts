import { type Static, type TObject } from '@sinclair/typebox';
import Ajv from 'ajv';

/** Raised at start-up when the environment is wrong; lists every bad setting, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// One ajv instance for settings: strings from the environment are coerced to the schema's
// number/boolean types, and defaults are filled in, so the rest of the app gets typed values.
const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: true });

/**
 * Parses the process environment once against a TypeBox schema. Unknown variables are
 * ignored (the environment holds many); known ones are validated and typed. The error
 * names the variable and the rule, never the value (it may be a secret).
 */
export function parseEnv<S extends TObject>(schema: S, env: Record<string, string | undefined>): Static<S> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const validate = ajv.compile(schema);
  if (!validate(picked)) {
    const problems = (validate.errors ?? []).map((e) => {
      const name = e.instancePath.replace(/^\//, '') || String(e.params['missingProperty'] ?? '');
      return `${name}: ${e.message ?? 'is invalid'}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  return picked as Static<S>;
}
