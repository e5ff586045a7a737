import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { AttachmentDownloadDocs, sendAttachment } from '../../attachments/send-attachment';
import { CurrentOfficer, Roles } from '../../auth/access.decorators';
import { type OfficerView } from '../../officers/officers.service';
import { REQUEST_STATUSES } from '../case-status';
import { ApproveDto, CaseErrorDto, DraftCheckDto, DraftRequestDto, EditRequestDto, FollowUpDto, OutgoingRequestDto, PartnerDto, ReturnDto } from '../cases.dto';
import { requestListQuery } from '../list-filters';
import { type DraftInput, OutboxService } from './outbox.service';

@ApiTags('requests')
@Controller('v1')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get('partners')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Partner units and the agreements in force with them', description: 'From the cached hub directory: what the compose form may offer.' })
  @ApiOkResponse({ type: [PartnerDto] })
  partners(): PartnerDto[] {
    return this.outbox.partners() as PartnerDto[];
  }

  @Post('requests')
  @Roles('officer')
  @ApiOperation({
    summary: 'Draft a request',
    description: 'Builds and validates the request payload; due date from the agreement. With FOUR_EYES (default) the request awaits a supervisor, otherwise it is sealed and queued at once.',
  })
  @ApiCreatedResponse({ type: OutgoingRequestDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION' })
  @ApiUnprocessableEntityResponse({ type: CaseErrorDto, description: 'NOT_COVERED: no agreement in force covers it (`part` says what)' })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'NO_ENCRYPTION_KEY (FOUR_EYES off)' })
  draft(@Body() body: DraftRequestDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.outbox.draft(body as DraftInput, officer);
  }

  @Post('requests/check')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary: 'Check a draft without filing it',
    description: 'The checks of POST /v1/requests (the protocol\'s validation, then the agreement\'s cover); nothing is stored. The compose form calls it as the officer types.',
  })
  @ApiOkResponse({ type: DraftCheckDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION: the body is not an object' })
  check(@Body() body: DraftRequestDto): DraftCheckDto {
    return this.outbox.check(body as DraftInput);
  }

  @Get('requests')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Requests filed by this node' })
  @ApiQuery({ name: 'status', required: false, enum: REQUEST_STATUSES })
  @ApiQuery({ name: 'mine', required: false, enum: ['true', 'false'], description: 'true: only those this officer drafted' })
  @ApiOkResponse({ type: [OutgoingRequestDto] })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION: status is not a request status, mine is neither true nor false, or a parameter is given twice or not defined here' })
  list(@CurrentOfficer() officer: OfficerView, @Query() query: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const { status, mine } = requestListQuery(query);
    return this.outbox.list(status, mine ? officer.id : undefined);
  }

  @Get('requests/:id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'One request with its receipts and, once answered, the decrypted answer' })
  @ApiOkResponse({ type: OutgoingRequestDto })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  detail(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.outbox.detail(id);
  }

  @Get('requests/:id/attachments/:n')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: "Download the request's attachment n (in the order of its payload's attachments)" })
  @AttachmentDownloadDocs()
  async attachment(@Param('id') id: string, @Param('n') n: string, @Res() res: Response): Promise<void> {
    sendAttachment(res, await this.outbox.attachment(id, n));
  }

  @Get('requests/:id/answer/attachments/:n')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: "Download attachment n of the partner's answer: its own attachments, then each finding's, in order (docs/protocol.md §5)" })
  @AttachmentDownloadDocs()
  async answerAttachment(@Param('id') id: string, @Param('n') n: string, @Res() res: Response): Promise<void> {
    sendAttachment(res, await this.outbox.answerAttachment(id, n));
  }

  @Post('requests/:id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve a request (four eyes: not its author)', description: 'Seals it (encrypts, envelopes, signs) once and queues its submission to the hub.' })
  @ApiOkResponse({ type: OutgoingRequestDto })
  @ApiForbiddenResponse({ type: CaseErrorDto, description: 'FOUR_EYES: the author cannot approve' })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'WRONG_STATUS, NO_ENCRYPTION_KEY' })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  approve(@Param('id') id: string, @Body() body: ApproveDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.outbox.approve(id, officer, typeof body?.comment === 'string' ? body.comment.slice(0, 2000) : undefined);
  }

  @Post('requests/:id/return')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Return a request to its author with a comment (status drafted)' })
  @ApiOkResponse({ type: OutgoingRequestDto })
  @ApiBadRequestResponse({ type: CaseErrorDto })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'WRONG_STATUS' })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  returnToAuthor(@Param('id') id: string, @Body() body: ReturnDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.outbox.returnToAuthor(id, officer, body?.comment);
  }

  @Patch('requests/:id')
  @Roles('officer')
  @ApiOperation({
    summary: 'Edit a returned draft and resubmit it for approval (its author only)',
    description:
      'Only in status drafted (returned by a supervisor). The given fields replace the draft\'s (subject as a whole; null removes handlingNote or attachments); ' +
      'the result is validated exactly as at creation, the due date still counts from the first draft. Then awaiting_approval (sealed and queued without FOUR_EYES).',
  })
  @ApiOkResponse({ type: OutgoingRequestDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION (also a field that cannot be changed)' })
  @ApiForbiddenResponse({ type: CaseErrorDto, description: 'NOT_AUTHOR' })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'WRONG_STATUS, NO_ENCRYPTION_KEY' })
  @ApiUnprocessableEntityResponse({ type: CaseErrorDto, description: 'NOT_COVERED' })
  edit(@Param('id') id: string, @Body() body: EditRequestDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.outbox.edit(id, body as Partial<DraftInput>, officer);
  }

  @Post('requests/:id/follow-up')
  @Roles('officer')
  @ApiOperation({
    summary: 'Follow up a request answered more_information_needed with a new request to the same partner',
    description:
      'Drafts a new request (four eyes as usual) from the earlier one\'s fields, replaced by those given. It is linked by followsUp here and, for the partner, ' +
      'by the first line of enquiriesMade: "Follow-up to request <earlier id>." (the protocol has no request-to-request link).',
  })
  @ApiCreatedResponse({ type: OutgoingRequestDto })
  @ApiBadRequestResponse({ type: CaseErrorDto, description: 'VALIDATION (also partnerUnit or another field that cannot be given)' })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  @ApiConflictResponse({ type: CaseErrorDto, description: 'WRONG_STATUS: the earlier request is not more_information_needed; NO_ENCRYPTION_KEY' })
  @ApiUnprocessableEntityResponse({ type: CaseErrorDto, description: 'NOT_COVERED' })
  followUp(@Param('id') id: string, @Body() body: FollowUpDto, @CurrentOfficer() officer: OfficerView): Promise<Record<string, unknown>> {
    return this.outbox.followUp(id, body as Partial<DraftInput>, officer);
  }
}
