import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOfficer, Roles } from '../../auth/access.decorators';
import { type OfficerView } from '../../officers/officers.service';
import { DashboardDto } from '../cases.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Counts for the officer\'s start page: own requests by status and overdue, new incoming requests, approvals waiting' })
  @ApiOkResponse({ type: DashboardDto })
  show(@CurrentOfficer() officer: OfficerView): Promise<DashboardDto> {
    return this.dashboard.of(officer) as Promise<DashboardDto>;
  }
}
