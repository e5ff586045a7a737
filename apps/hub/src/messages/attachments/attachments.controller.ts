import { Body, Controller, Get, Headers, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPayloadTooLargeResponse, ApiProduces, ApiTags, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { COMPACT_JWE_PATTERN } from '@cicu/protocol';
import { type AuthenticatedNode } from '../../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../../auth/node-auth.decorators';
import { DeliveryErrorDto } from '../../mailbox/dto/mailbox.dto';
import { AttachmentsService } from './attachments.service';

const COMPACT_JWE = { type: 'string', pattern: COMPACT_JWE_PATTERN } as const;

@ApiTags('messages')
@Controller('v1/messages/:id/attachments/:n')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Put()
  @NodeAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Upload a sealed attachment of a message before submitting it',
    description:
      'Body: the compact JWE of the file (encrypted to the recipient node), entry n of the envelope\'s attachments, whose digest (sha256 of the JWE string) and size (its length) ' +
      'the envelope will list. At most the JWE of ATTACHMENT_MAX_BYTES. The same upload again changes nothing; another one replaces it until the message is accepted.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The message id (UUIDv7) the envelope will carry' })
  @ApiParam({ name: 'n', schema: { type: 'integer', minimum: 0, maximum: 99 } })
  @ApiConsumes('application/jose')
  @ApiBody({ schema: COMPACT_JWE })
  @ApiNoContentResponse({ description: 'Stored.' })
  @ApiBadRequestResponse({ type: DeliveryErrorDto, description: 'ATTACHMENT_ADDRESS_INVALID.' })
  @ApiConflictResponse({ type: DeliveryErrorDto, description: 'ATTACHMENT_SEALED: the message was accepted. ATTACHMENT_CONFLICT: another node uploaded under this id.' })
  @ApiPayloadTooLargeResponse({ type: DeliveryErrorDto, description: 'ATTACHMENT_TOO_LARGE.' })
  @ApiUnsupportedMediaTypeResponse({ type: DeliveryErrorDto, description: 'ATTACHMENT_BODY_INVALID: not a compact JWE sent as application/jose.' })
  async upload(
    @CurrentNode() node: AuthenticatedNode,
    @Param('id') id: string,
    @Param('n') n: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<void> {
    await this.attachments.upload(node, id, n, contentType, body);
  }

  @Get()
  @NodeAuth()
  @ApiOperation({
    summary: 'A sealed attachment of a message delivered to the calling node',
    description: "For the recipient unit's node only, until its delivery receipt (which deletes the blobs). The recipient checks the digest the envelope lists, then decrypts.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'n', schema: { type: 'integer', minimum: 0, maximum: 99 } })
  @ApiProduces('application/jose')
  @ApiOkResponse({ description: 'The compact JWE, as uploaded.', content: { 'application/jose': { schema: COMPACT_JWE } } })
  @ApiBadRequestResponse({ type: DeliveryErrorDto, description: 'ATTACHMENT_ADDRESS_INVALID.' })
  @ApiNotFoundResponse({ type: DeliveryErrorDto, description: 'ATTACHMENT_NOT_FOUND (also for another unit, and after the receipt).' })
  async fetch(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string, @Param('n') n: string, @Res() res: Response): Promise<void> {
    const jwe = await this.attachments.fetch(node, id, n);
    // A Buffer, so that Express adds no charset to application/jose.
    res.status(200).type('application/jose').send(Buffer.from(jwe, 'ascii'));
  }
}
