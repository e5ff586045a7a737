import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ERROR_CODES, type AuditErrorCode } from '../audit.errors';
import { COMPACT_JWS_PATTERN } from '@cicu/protocol';

const HASH_HEX = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

export class TreeHeadDto {
  @ApiProperty({ minimum: 1 })
  treeSize!: number;

  @ApiProperty({ pattern: '^sha256:[0-9a-f]{64}$', description: 'RFC 9162 root of the first treeSize leaves.' })
  rootHash!: string;

  @ApiProperty({ format: 'date-time' })
  timestamp!: string;

  @ApiProperty({
    pattern: COMPACT_JWS_PATTERN,
    description: 'Compact JWS, typ cicu-tree-head+jws, signed by the hub key (/.well-known/jwks.json), over the RFC 8785 JSON {v: 1, kind: "tree-head", treeSize, rootHash, timestamp}. Trust this, not the other members.',
  })
  jws!: string;
}

export class InclusionProofDto {
  @ApiProperty({ minimum: 0 })
  leafIndex!: number;

  @ApiProperty({ minimum: 1 })
  treeSize!: number;

  @ApiProperty({ type: 'array', items: HASH_HEX, description: 'RFC 9162 §2.1.3 audit path, leaf level first, lowercase hex.' })
  proof!: string[];
}

export class ConsistencyProofDto {
  @ApiProperty({ minimum: 1 })
  from!: number;

  @ApiProperty({ minimum: 1 })
  to!: number;

  @ApiProperty({ type: 'array', items: HASH_HEX, description: 'RFC 9162 §2.1.4 consistency proof, lowercase hex; empty when from = to.' })
  proof!: string[];
}

export class AuditLeafDto {
  @ApiProperty({ minimum: 0 })
  index!: number;

  @ApiProperty({ description: 'The entry exactly as hashed: its RFC 9162 leaf hash is SHA-256(0x00 || UTF-8 of this string). Never personal data.' })
  canonical!: string;
}

export class AuditLeavesDto {
  @ApiProperty({ type: [AuditLeafDto], description: 'Consecutive entries from the index asked for, in log order.' })
  leaves!: AuditLeafDto[];

  @ApiPropertyOptional({ description: 'Index to ask for next; absent at the end of the log.' })
  next?: number;
}

export class AuditErrorDto {
  @ApiProperty({ enum: AUDIT_ERROR_CODES })
  code!: AuditErrorCode;

  @ApiProperty()
  message!: string;
}
