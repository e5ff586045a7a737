import { type DirectoryIndex } from '../directory/directory-index';
import { type NodeKeyView, type UnitView } from '../directory/directory.views';

/** Who called, as established by a verified client assertion; set on the request by NodeAuthGuard. */
export interface AuthenticatedNode {
  nodeId: string;
  unitId: string;
  /** The kid of the signing key the assertion was verified with. */
  kid: string;
}

/** What authentication read from the directory for one request: its key and its unit. */
export interface AuthenticationLookups {
  key: NodeKeyView;
  unit: UnitView;
  /** The directory generation those came from, for the rest of the request's checks. */
  directory: DirectoryIndex;
}

// Keyed by the AuthenticatedNode object of one request, so it lives as long as that request:
// no lookup is shared with another request (a revocation or suspension applies to the next one).
const lookups = new WeakMap<AuthenticatedNode, AuthenticationLookups>();

export function rememberAuthenticationLookups(node: AuthenticatedNode, found: AuthenticationLookups): void {
  lookups.set(node, found);
}

/** The directory rows authentication read for this request's node, if it was authenticated here. */
export function authenticationLookupsOf(node: AuthenticatedNode): AuthenticationLookups | undefined {
  return lookups.get(node);
}
