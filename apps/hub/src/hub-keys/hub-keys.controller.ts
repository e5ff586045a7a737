import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { JwksDto } from './dto/jwks.dto';
import { HubKeysService } from './hub-keys.service';

@ApiTags('keys')
@Controller('.well-known')
export class HubKeysController {
  constructor(private readonly hubKeys: HubKeysService) {}

  @Get('jwks.json')
  @Header('Content-Type', 'application/jwk-set+json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: "The hub's public signing keys",
    description: 'Verifies receipts, directory snapshots and tree heads with any standard JOSE library. Public, cacheable for five minutes.',
  })
  @ApiProduces('application/jwk-set+json')
  @ApiOkResponse({ type: JwksDto, description: 'JWK Set of the current and retired hub keys.' })
  jwks(): JwksDto {
    return this.hubKeys.publicJwks();
  }
}
