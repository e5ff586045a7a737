import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A public JWK as an app publishes it (RFC 7517; kid = RFC 7638 SHA-256 thumbprint). */
export class PublicJwkDto {
  @ApiProperty({ enum: ['OKP', 'EC'] })
  kty!: 'OKP' | 'EC';

  @ApiProperty({ enum: ['Ed25519', 'X25519', 'P-256'] })
  crv!: 'Ed25519' | 'X25519' | 'P-256';

  @ApiProperty({ description: 'Public key (x coordinate), base64url.', pattern: '^[A-Za-z0-9_-]{43}$' })
  x!: string;

  @ApiPropertyOptional({ description: 'y coordinate (EC keys only), base64url.', pattern: '^[A-Za-z0-9_-]{43}$' })
  y?: string;

  @ApiProperty({ description: 'RFC 7638 SHA-256 thumbprint of the key, base64url.', pattern: '^[A-Za-z0-9_-]{43}$' })
  kid!: string;

  @ApiProperty({ enum: ['sig', 'enc'] })
  use!: 'sig' | 'enc';

  @ApiProperty({ enum: ['EdDSA', 'ES256', 'ECDH-ES+A256KW'] })
  alg!: 'EdDSA' | 'ES256' | 'ECDH-ES+A256KW';
}

/** A JWK Set (RFC 7517 section 5). */
export class JwksDto {
  @ApiProperty({ type: [PublicJwkDto] })
  keys!: PublicJwkDto[];
}
