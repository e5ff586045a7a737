import { Controller, HttpCode, Post, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { UploadErrorFilter } from '@cicu/shared';
import { CurrentOfficer, Roles } from '../auth/access.decorators';
import { AttachmentDto, CaseErrorDto } from '../cases/cases.dto';
import { type OfficerView } from '../officers/officers.service';
import { AttachmentsService, type UploadedAttachmentPart } from './attachments.service';

@ApiTags('attachments')
@Controller('v1/attachments')
@UseFilters(UploadErrorFilter)
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(200)
  @Roles('officer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a file to attach to a request or an answer',
    description:
      'Stores the bytes on this node and answers the metadata to put in `attachments` (the control number is sha256 of the bytes). ' +
      'A draft or an answer may only name files uploaded here; the file travels to the partner encrypted, apart from the message.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: AttachmentDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION: no file, or a file name or media type the protocol does not take' })
  @ApiPayloadTooLargeResponse({ type: CaseErrorDto, description: 'FILE_TOO_LARGE: larger than ATTACHMENT_MAX_BYTES' })
  upload(@UploadedFile() file: UploadedAttachmentPart | undefined, @CurrentOfficer() officer: OfficerView): Promise<AttachmentDto> {
    return this.attachments.upload(file, officer);
  }
}
