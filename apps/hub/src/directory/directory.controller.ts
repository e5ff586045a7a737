import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { DirectorySnapshotService } from './directory-snapshot.service';
import { ifNoneMatchMatches } from './etag';
import { COMPACT_JWS_PATTERN } from '@cicu/protocol';


@ApiTags('directory')
@Controller('v1/directory')
@Public()
export class DirectoryController {
  constructor(private readonly snapshots: DirectorySnapshotService) {}

  @Get()
  @ApiOperation({
    summary: 'The signed directory snapshot',
    description:
      'Compact JWS (typ cicu-directory+jws) signed by the hub key (see /.well-known/jwks.json) over the RFC 8785 canonical JSON of ' +
      '{version, issuedAt, memberStates, units, nodes with their public keys, legalBases, agreements}. No personal data. ' +
      'Revalidate with If-None-Match: the ETag is the directory version.',
  })
  @ApiProduces('application/jose')
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of a snapshot already held, e.g. "7".' })
  @ApiOkResponse({
    description: 'The snapshot of the current directory version.',
    headers: {
      ETag: { description: 'The directory version, quoted.', schema: { type: 'string', example: '"7"' } },
      'Cache-Control': { description: 'no-cache: keep it, but revalidate before relying on it.', schema: { type: 'string' } },
    },
    content: { 'application/jose': { schema: { type: 'string', pattern: COMPACT_JWS_PATTERN } } },
  })
  @ApiNotModifiedResponse({ description: 'The snapshot named by If-None-Match is still current.' })
  async snapshot(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    const { version, jws } = await this.snapshots.current();
    const etag = `"${version}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (ifNoneMatchMatches(ifNoneMatch, etag)) {
      res.status(304).end();
      return;
    }
    // A Buffer, so that Express adds no charset to application/jose.
    res.status(200).type('application/jose').send(Buffer.from(jws, 'ascii'));
  }
}
