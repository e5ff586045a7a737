import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoles } from '../auth/access.decorators';
import { DirectorySnapshot } from './directory-snapshot';
import { DirectorySnapshotService } from './directory-snapshot.service';

@ApiTags('admin: directory')
@Controller('v1/admin/directory')
export class DirectoryAdminController {
  constructor(private readonly snapshots: DirectorySnapshotService) {}

  @Get()
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({
    summary: 'The current directory, as JSON',
    description: 'What the signed snapshot (GET /v1/directory) says at this moment, unsigned: member states, units, nodes and their current keys, legal bases, agreements.',
  })
  @ApiOkResponse({ schema: JSON.parse(JSON.stringify(DirectorySnapshot)) as object })
  read(): Promise<DirectorySnapshot> {
    return this.snapshots.contents();
  }
}
