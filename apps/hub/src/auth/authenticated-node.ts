/** Who called, as established by a verified client assertion; set on the request by NodeAuthGuard. */
export interface AuthenticatedNode {
  nodeId: string;
  unitId: string;
  /** The kid of the signing key the assertion was verified with. */
  kid: string;
}
