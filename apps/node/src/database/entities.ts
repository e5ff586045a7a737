import { LocalKeyEntity } from '@cicu/shared';

/** Every entity of the node, handed to DatabaseModule.forRoot. */
export const NODE_ENTITIES = [LocalKeyEntity];
