import { type Static, Type } from '@sinclair/typebox';
import { UNIT_ID_PATTERN } from '@cicu/protocol';

/**
 * DEMO_NODES_FILE: nodes the hub enrols at start when their id is not in the directory yet
 * (written by the demo launcher, scripts/demo-federation.mjs, from each node's own JWK Set).
 */
export const DemoNode = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'the node id (UUID) the node runs with as NODE_ID' }),
    unitId: Type.String({ pattern: UNIT_ID_PATTERN, maxLength: 35 }),
    inboxUrl: Type.String({ minLength: 1, maxLength: 2048 }),
    // Checked key by key by registerNode (checkNodeJwks).
    jwks: Type.Object({ keys: Type.Array(Type.Object({}), { minItems: 1, maxItems: 16 }) }),
  },
  { additionalProperties: false },
);
export type DemoNode = Static<typeof DemoNode>;

export const DemoNodesFile = Type.Array(DemoNode, { minItems: 1, maxItems: 100 });
export type DemoNodesFile = Static<typeof DemoNodesFile>;
