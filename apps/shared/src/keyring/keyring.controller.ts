import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { JwksDto } from './dto/jwks.dto';
import { KeyringService } from './keyring.service';

@ApiTags('keys')
@Controller('.well-known')
export class KeyringController {
  constructor(private readonly keyring: KeyringService) {}

  @Get('jwks.json')
  @Header('Content-Type', 'application/jwk-set+json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'The public keys of this app',
    description:
      'Signing keys (use sig) verify what this app signs — receipts, directory snapshots, tree heads, requests — and encryption keys (use enc, nodes only) are what senders encrypt to, with any standard JOSE library. Public, cacheable for five minutes.',
  })
  @ApiProduces('application/jwk-set+json')
  @ApiOkResponse({ type: JwksDto, description: 'JWK Set of the current and retired keys.' })
  jwks(): JwksDto {
    return this.keyring.publicJwks();
  }
}
