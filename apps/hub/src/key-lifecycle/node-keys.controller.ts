import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../auth/access.decorators';
import { KeyLifecycleErrorDto, RotatedKeysDto, RotationRequestDto, toRotatedKeysDto } from './dto/key-lifecycle.dto';
import { KeyLifecycleService } from './key-lifecycle.service';

@ApiTags('nodes')
@Controller('v1/nodes')
export class NodeKeysController {
  constructor(private readonly keys: KeyLifecycleService) {}

  @Post('me/keys')
  @NodeAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rotate the calling node\'s keys',
    description:
      "Called by the node's rotate-keys command, authenticated with the node's current key. Registers one new signing and one new encryption key (valid KEY_VALIDITY_DAYS); " +
      'the keys they replace stay valid for KEY_ROTATION_OVERLAP_SECONDS, then are refused (UNKNOWN_KEY).',
  })
  @ApiBody({ type: RotationRequestDto })
  @ApiOkResponse({ type: RotatedKeysDto })
  @ApiBadRequestResponse({ type: KeyLifecycleErrorDto, description: 'VALIDATION (issues), PROOF_INVALID, PROOF_KEY_MISMATCH, JWKS_INVALID' })
  @ApiConflictResponse({ type: KeyLifecycleErrorDto, description: 'KEY_ALREADY_REGISTERED' })
  async rotate(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<RotatedKeysDto> {
    return toRotatedKeysDto(await this.keys.rotate(node, body));
  }
}
