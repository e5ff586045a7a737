import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { OfficerDto } from './dto/officer.dto';
import { OfficersService } from './officers.service';

@ApiTags('officers')
@Controller('v1/officers')
export class OfficersController {
  constructor(private readonly officers: OfficersService) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({ summary: 'The officers of this node', description: 'Supervisors only. Never includes password hashes or lockout counters.' })
  @ApiOkResponse({ type: [OfficerDto] })
  list(): Promise<OfficerDto[]> {
    return this.officers.list();
  }
}
