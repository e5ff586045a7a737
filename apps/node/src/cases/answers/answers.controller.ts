import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOfficer, Roles } from '../../auth/access.decorators';
import { type OfficerView } from '../../officers/officers.service';
import { AnswerDto, CaseErrorDto, IncomingRequestDto } from '../cases.dto';
import { type AnswerInput, AnswersService } from './answers.service';

@ApiTags('incoming')
@Controller('v1/incoming')
export class AnswersController {
  constructor(private readonly answers: AnswersService) {}

  @Get()
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Requests received from partner units' })
  @ApiOkResponse({ type: [IncomingRequestDto] })
  list(): Promise<Record<string, unknown>[]> {
    return this.answers.list();
  }

  @Get(':id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'One received request with its decrypted payload' })
  @ApiOkResponse({ type: IncomingRequestDto })
  @ApiNotFoundResponse({ type: CaseErrorDto })
  detail(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.answers.detail(id);
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
