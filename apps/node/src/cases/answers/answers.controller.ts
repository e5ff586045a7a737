import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AttachmentDownloadDocs, sendAttachment } from '../../attachments/send-attachment';
import { CurrentOfficer, Roles } from '../../auth/access.decorators';
import { type OfficerView } from '../../officers/officers.service';
import { AnswerCheckDto, AnswerDto, AssignDto, CaseErrorDto, IncomingRequestDto } from '../cases.dto';
import { incomingListQuery } from '../list-filters';
import { type AnswerInput, AnswersService } from './answers.service';

@ApiTags('incoming')
@Controller('v1/incoming')
export class AnswersController {
  constructor(private readonly answers: AnswersService) {}

  @Get()
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Requests received from partner units' })
  @ApiQuery({ name: 'mine', required: false, enum: ['true', 'false'], description: 'true: only those assigned to this officer' })
  @ApiOkResponse({ type: [IncomingRequestDto] })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION: mine is neither true nor false, or a parameter is given twice or not defined here' })
  list(@CurrentOfficer() officer: OfficerView, @Query() query: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.answers.list(incomingListQuery(query).mine ? officer.id : undefined);
  }

  @Get(':id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'One received request with its decrypted payload' })
  @ApiOkResponse({ type: IncomingRequestDto })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  detail(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.answers.detail(id);
  }

  @Get(':id/attachments/:n')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: "Download the received request's attachment n (checked against its control number on receipt)" })
  @AttachmentDownloadDocs()
  async attachment(@Param('id') id: string, @Param('n') n: string, @Res() res: Response): Promise<void> {
    sendAttachment(res, await this.answers.attachment(id, n));
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Assign a received request to the officer who answers it', description: 'An officer takes a request (their own id); a supervisor assigns it to any active officer.' })
  @ApiOkResponse({ type: IncomingRequestDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION: officerId is no active officer holding the officer role' })
  @ApiForbiddenResponse({ type: CaseErrorDto, description: 'ASSIGN_FORBIDDEN: only a supervisor assigns to someone else' })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'WRONG_STATUS: already answered' })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  assign(@Param('id') id: string, @Body() body: AssignDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.answers.assign(id, body?.officerId, officer);
  }

  @Post(':id/answer/check')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Check an answer without sending it', description: 'The checks of POST /v1/incoming/{id}/answer (also against the request\'s type); nothing is stored or sealed.' })
  @ApiOkResponse({ type: AnswerCheckDto })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  check(@Param('id') id: string, @Body() body: AnswerDto): Promise<AnswerCheckDto> {
    return this.answers.check(id, body as AnswerInput);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Answer a received request', description: 'Validated (findings of the request\'s type), encrypted to the requesting unit, signed and queued for submission.' })
  @ApiOkResponse({ type: IncomingRequestDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION' })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'WRONG_STATUS (already answered), NO_ENCRYPTION_KEY' })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  answer(@Param('id') id: string, @Body() body: AnswerDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.answers.answer(id, body as AnswerInput, officer);
  }
}
