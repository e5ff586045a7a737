import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTORY_ERROR_CODES } from '../../directory/directory.errors';
import { type EnrolledNode, type RotatedKeys } from '../../directory/directory.service';
import { type IssuedToken } from '../enrollment.service';
import { KEY_STATES } from '../../directory/key-validity';
import { NODE_STATUSES } from '../../directory/node.entity';
import { KEY_LIFECYCLE_ERROR_CODES } from '../key-lifecycle.errors';
import { ENROLLMENT_TOKEN_PATTERN, MAX_ENROLLMENT_TOKEN_TTL_SECONDS, REVOCATION_REASONS } from '../key-lifecycle.schemas';
import { KEY_WARNINGS, type KeyStatus } from '../key-lifecycle.service';
import { COMPACT_JWS_PATTERN } from '@cicu/protocol';


export class KeyLifecycleIssueDto {
  @ApiProperty({ description: 'RFC 6901 JSON Pointer into the body (or the proof claims)', example: '/token' })
  path!: string;

  @ApiProperty({ example: 'pattern' })
  code!: string;

  @ApiProperty({ description: 'Names the rule, never the value' })
  message!: string;
}

export class KeyLifecycleErrorDto {
  @ApiProperty({ enum: [...KEY_LIFECYCLE_ERROR_CODES, ...DIRECTORY_ERROR_CODES], example: 'ENROLLMENT_TOKEN_USED' })
  code!: string;

  @ApiProperty({ example: 'this enrolment token was already used' })
  message!: string;

  @ApiPropertyOptional({ type: [KeyLifecycleIssueDto], description: 'With VALIDATION: each wrong field' })
  issues?: KeyLifecycleIssueDto[];
}

export class EnrollmentRequestDto {
  @ApiProperty({ pattern: ENROLLMENT_TOKEN_PATTERN, description: 'The one-time token the coordinator issued for the unit.' })
  token!: string;

  @ApiProperty({
    pattern: COMPACT_JWS_PATTERN,
    maxLength: 16_384,
    description:
      'Proof of possession: compact JWS, typ cicu-enrollment+jwt, header kid = the submitted signing key, signed by it; claims aud (the hub), iat, exp (≤ 300 s later), jti, ' +
      'token_hash (base64url SHA-256 of the token), inbox_url, jwks (the public keys: one signing, one encryption key).',
  })
  proof!: string;
}

export class NodeKeyRefDto {
  @ApiProperty({ description: 'RFC 7638 thumbprint' })
  kid!: string;

  @ApiProperty({ enum: ['sig', 'enc'] })
  use!: string;
}

export class EnrolledNodeDto {
  @ApiProperty({ format: 'uuid', description: 'The node id: NODE_ID of the node from now on.' })
  nodeId!: string;

  @ApiProperty({ example: 'FR-CYBERDOUANE' })
  unitId!: string;

  @ApiProperty({ enum: ['pending'], description: 'Pending until a coordinator approves it.' })
  status!: string;

  @ApiProperty({ type: [NodeKeyRefDto] })
  keys!: NodeKeyRefDto[];

  @ApiProperty({ description: 'True when the unit\'s node at this inbox URL, whose signing keys were all out of service, was enrolled again (same id, new keys).' })
  reenrolled!: boolean;
}

export class RotationRequestDto {
  @ApiProperty({
    pattern: COMPACT_JWS_PATTERN,
    maxLength: 16_384,
    description:
      'Proof of possession: compact JWS, typ cicu-key-rotation+jwt, header kid = the new signing key, signed by it; claims iss = sub = the node id, aud, iat, exp (≤ 300 s later), jti, ' +
      'jwks (exactly one new signing and one new encryption key).',
  })
  proof!: string;
}

export class AddedKeyDto extends NodeKeyRefDto {
  @ApiProperty({ format: 'date-time' })
  notBefore!: string;

  @ApiProperty({ format: 'date-time', description: 'KEY_VALIDITY_DAYS after notBefore: rotate before.' })
  notAfter!: string;
}

export class RetiringKeyDto extends NodeKeyRefDto {
  @ApiProperty({ format: 'date-time', description: 'End of the overlap window: signatures by this key are refused (UNKNOWN_KEY) from then on.' })
  retiresAt!: string;
}

export class RotatedKeysDto {
  @ApiProperty({ format: 'uuid' })
  nodeId!: string;

  @ApiProperty({ type: [AddedKeyDto] })
  added!: AddedKeyDto[];

  @ApiProperty({ type: [RetiringKeyDto], description: 'The keys replaced, valid until their retiresAt.' })
  retiring!: RetiringKeyDto[];

  @ApiProperty({ description: 'The directory version that lists the new keys.' })
  directoryVersion!: number;
}

export class IssueTokenRequestDto {
  @ApiPropertyOptional({ minimum: 60, maximum: MAX_ENROLLMENT_TOKEN_TTL_SECONDS, description: 'Life of the token; default ENROLLMENT_TOKEN_TTL_SECONDS.' })
  ttlSeconds?: number;
}

export class EnrollmentTokenDto {
  @ApiProperty({ format: 'uuid', description: 'Names the token in the audit log.' })
  id!: string;

  @ApiProperty({ example: 'FR-CYBERDOUANE' })
  unitId!: string;

  @ApiProperty({ pattern: ENROLLMENT_TOKEN_PATTERN, description: 'Shown this once (the hub keeps only its SHA-256): hand it to the node operator over a trusted channel.' })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class ApprovedNodeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  inboxUrl!: string;

  @ApiProperty({ enum: NODE_STATUSES })
  status!: string;

  @ApiProperty({ description: 'The directory version in which the node is active.' })
  directoryVersion!: number;
}

export class RevocationRequestDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'From when the key is refused (UTC, Z); default now. Past or future; a revocation may be brought forward, never pushed back.' })
  effectiveAt?: string;

  @ApiPropertyOptional({ enum: REVOCATION_REASONS, description: 'Recorded in the audit log; default unspecified.' })
  reason?: string;
}

export class KeyStatusDto {
  @ApiProperty()
  kid!: string;

  @ApiProperty({ format: 'uuid' })
  nodeId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ enum: NODE_STATUSES })
  nodeStatus!: string;

  @ApiProperty({ enum: ['sig', 'enc'] })
  use!: string;

  @ApiProperty({ enum: ['EdDSA', 'ES256', 'ECDH-ES+A256KW'] })
  alg!: string;

  @ApiProperty({ format: 'date-time' })
  notBefore!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  notAfter!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The key that replaced this one at a rotation.' })
  supersededBy!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'End of the rotation overlap window.' })
  retiresAt!: string | null;

  @ApiProperty({ enum: KEY_STATES })
  state!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'Whole days until notAfter (negative once past); null without notAfter.' })
  expiresInDays!: number | null;

  @ApiProperty({ enum: KEY_WARNINGS, nullable: true, type: String, description: 'expiring: in service, notAfter within KEY_EXPIRY_WARNING_DAYS; expired: past notAfter and not replaced.' })
  warning!: string | null;
}

export class RevokedKeyDto extends KeyStatusDto {
  @ApiProperty()
  directoryVersion!: number;
}

export class KeyListingDto {
  @ApiProperty({ description: 'KEY_EXPIRY_WARNING_DAYS: how far ahead an expiry is warned of.' })
  warningDays!: number;

  @ApiProperty({ type: [KeyStatusDto], description: 'Every key the directory holds, by unit, node and age.' })
  keys!: KeyStatusDto[];
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function toEnrolledNodeDto(node: EnrolledNode): EnrolledNodeDto {
  return { nodeId: node.id, unitId: node.unitId, status: node.status, keys: node.keys.map(({ kid, use }) => ({ kid, use })), reenrolled: node.reenrolled };
}

export function toRotatedKeysDto(rotated: RotatedKeys & { directoryVersion: number }): RotatedKeysDto {
  return {
    nodeId: rotated.nodeId,
    added: rotated.added.map((k) => ({ kid: k.kid, use: k.use, notBefore: k.notBefore.toISOString(), notAfter: k.notAfter.toISOString() })),
    retiring: rotated.retiring.map((k) => ({ kid: k.kid, use: k.use, retiresAt: k.retiresAt.toISOString() })),
    directoryVersion: rotated.directoryVersion,
  };
}

export function toEnrollmentTokenDto(issued: IssuedToken): EnrollmentTokenDto {
  return { id: issued.id, unitId: issued.unitId, token: issued.token, expiresAt: issued.expiresAt.toISOString() };
}

export function toKeyStatusDto(key: KeyStatus): KeyStatusDto {
  return {
    kid: key.kid,
    nodeId: key.nodeId,
    unitId: key.unitId,
    nodeStatus: key.nodeStatus,
    use: key.use,
    alg: key.alg,
    notBefore: key.notBefore.toISOString(),
    notAfter: iso(key.notAfter),
    revokedAt: iso(key.revokedAt),
    supersededBy: key.supersededBy,
    retiresAt: iso(key.retiresAt),
    state: key.state,
    expiresInDays: key.expiresInDays,
    warning: key.warning,
  };
}
