import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedNode } from './authenticated-node';
import { CurrentNodeDto } from './dto/current-node.dto';
import { CurrentNode, NodeAuth } from './node-auth.decorators';

@ApiTags('nodes')
@Controller('v1/nodes')
export class NodesController {
  @Get('me')
  @NodeAuth()
  @ApiOperation({
    summary: 'Who the hub takes the caller to be',
    description: 'Lets a node check its enrolment: authenticated with a client assertion, returns its node id, unit and the kid it signed with.',
  })
  @ApiOkResponse({ type: CurrentNodeDto })
  me(@CurrentNode() node: AuthenticatedNode): CurrentNodeDto {
    return { nodeId: node.nodeId, unitId: node.unitId, kid: node.kid };
  }
}
