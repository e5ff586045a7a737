// Types of scripts/demo-federation.mjs, for the TypeScript that imports it (test/demo.e2e-spec.ts).
export interface DemoUnit {
  name: 'FR' | 'DE';
  unitId: string;
  label: string;
  officers: { username: string; displayName: string; roles: string[] }[];
}
export const DEMO_UNITS: DemoUnit[];

export interface DemoAdmin {
  username: string;
  displayName: string;
  role: 'coordinator' | 'auditor';
}
export const DEMO_ADMINS: DemoAdmin[];

export interface DemoSecrets {
  operatorSecrets: Record<'hub' | 'FR' | 'DE', string>;
  nodes: Record<'FR' | 'DE', { id: string }>;
  officers: Record<'FR' | 'DE', { username: string; displayName: string; roles: string[]; password: string }[]>;
  admins: (DemoAdmin & { password: string })[];
}
export function demoSecrets(dataDir: string): DemoSecrets;

export interface FederationOptions {
  root: string;
  dataDir: string;
  host?: string;
  ports: { hub: number; FR: number; DE: number };
  runtime?: 'dist' | 'ts';
  databaseUrls?: Partial<Record<'hub' | 'FR' | 'DE', string | undefined>>;
  env?: Record<string, string | undefined>;
  /** Extra settings for the hub, and for both nodes (e.g. each one's WEB_DIR). */
  appEnv?: { hub?: Record<string, string | undefined>; node?: Record<string, string | undefined> };
  /** Tests: more nodes (units without a process) the hub registers at its first start. */
  extraNodes?: { id: string; unitId: string; inboxUrl: string; jwks: { keys: object[] } }[];
  output?: 'inherit' | 'collect';
  healthTimeoutMs?: number;
  log?: (line: string) => void;
  onUnexpectedExit?: (name: string, code: number | string | null) => void;
}

export interface Federation {
  hub: { url: string };
  nodes: { name: 'FR' | 'DE'; unitId: string; label: string; url: string; nodeId: string }[];
  logins: { unit: 'FR' | 'DE'; username: string; password: string; roles: string[] }[];
  adminLogins: { username: string; password: string; role: 'coordinator' | 'auditor' }[];
  secretsFile: string;
  stop(): Promise<void>;
  /** The last 8,000 characters the app printed (with output 'collect'). */
  output(name: 'hub' | 'FR' | 'DE'): string;
}
export function startFederation(options: FederationOptions): Promise<Federation>;
