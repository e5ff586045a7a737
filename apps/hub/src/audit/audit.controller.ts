import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditReader } from '../auth/node-auth.decorators';
import { AuditLogService, LEAVES_DEFAULT_COUNT, LEAVES_MAX_COUNT } from './audit-log.service';
import { AuditError } from './audit.errors';
import { AuditErrorDto, AuditLeavesDto, ConsistencyProofDto, InclusionProofDto, TreeHeadDto } from './dto/audit.dto';

const INTEGER = /^(0|[1-9]\d{0,15})$/;

@ApiTags('audit')
@Controller('v1/audit')
@AuditReader()
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get('tree-heads/latest')
  @ApiOperation({ summary: 'The latest signed tree head', description: 'Issued every AUDIT_TREE_HEAD_SECONDS when the log grew, and on demand (POST).' })
  @ApiOkResponse({ type: TreeHeadDto })
  @ApiNotFoundResponse({ type: AuditErrorDto, description: 'TREE_HEAD_NOT_FOUND: none issued yet.' })
  latest(): Promise<TreeHeadDto> {
    return this.log.latestTreeHead();
  }

  @Post('tree-heads')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign a tree head now', description: 'Of the log as committed now; the latest head when the log has not grown since (nothing is signed twice).' })
  @ApiOkResponse({ type: TreeHeadDto })
  @ApiNotFoundResponse({ type: AuditErrorDto, description: 'TREE_HEAD_NOT_FOUND: the log is empty.' })
  issue(): Promise<TreeHeadDto> {
    return this.log.issueTreeHead();
  }

  @Get('tree-heads/:treeSize')
  @ApiOperation({ summary: 'The signed tree head of a given size', description: 'Heads exist for the sizes the hub signed at, not for every size.' })
  @ApiParam({ name: 'treeSize', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: TreeHeadDto })
  @ApiBadRequestResponse({ type: AuditErrorDto, description: 'AUDIT_PARAM_INVALID.' })
  @ApiNotFoundResponse({ type: AuditErrorDto, description: 'TREE_HEAD_NOT_FOUND.' })
  ofSize(@Param('treeSize') treeSize: string): Promise<TreeHeadDto> {
    return this.log.treeHeadOfSize(integer('treeSize', treeSize));
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'Inclusion proof of a leaf in the tree of a given size', description: 'Identical to RFC 9162 PATH(leafIndex, D[treeSize]). Any size up to the log’s.' })
  @ApiQuery({ name: 'leafIndex', schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({ name: 'treeSize', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiBadRequestResponse({ type: AuditErrorDto, description: 'AUDIT_PARAM_INVALID, TREE_SIZE_OUT_OF_RANGE or LEAF_INDEX_OUT_OF_RANGE.' })
  inclusion(@Query('leafIndex') leafIndex: string | undefined, @Query('treeSize') treeSize: string | undefined): Promise<InclusionProofDto> {
    return this.log.inclusionProof(integer('leafIndex', leafIndex), integer('treeSize', treeSize));
  }

  @Get('proofs/consistency')
  @ApiOperation({ summary: 'Consistency proof between two tree sizes', description: 'Identical to RFC 9162 PROOF(from, D[to]).' })
  @ApiQuery({ name: 'from', schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'to', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiBadRequestResponse({ type: AuditErrorDto, description: 'AUDIT_PARAM_INVALID, TREE_SIZE_OUT_OF_RANGE or SIZES_NOT_ORDERED.' })
  consistency(@Query('from') from: string | undefined, @Query('to') to: string | undefined): Promise<ConsistencyProofDto> {
    return this.log.consistencyProof(integer('from', from), integer('to', to));
  }

  @Get('leaves')
  @ApiOperation({ summary: 'Entries of the log, paged', description: 'The canonical JSON of each entry from `from`, at most `count`, in log order. Follow `next` until it is absent.' })
  @ApiQuery({ name: 'from', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiQuery({ name: 'count', required: false, schema: { type: 'integer', minimum: 1, maximum: LEAVES_MAX_COUNT, default: LEAVES_DEFAULT_COUNT } })
  @ApiOkResponse({ type: AuditLeavesDto })
  @ApiBadRequestResponse({ type: AuditErrorDto, description: 'AUDIT_PARAM_INVALID (count outside 1..1000) or LEAF_INDEX_OUT_OF_RANGE (from beyond the log).' })
  leaves(@Query('from') from: string | undefined, @Query('count') count: string | undefined): Promise<AuditLeavesDto> {
    const size = count === undefined ? LEAVES_DEFAULT_COUNT : integer('count', count);
    if (size < 1 || size > LEAVES_MAX_COUNT) throw new AuditError('AUDIT_PARAM_INVALID', `count must be an integer in 1..${LEAVES_MAX_COUNT}`);
    return this.log.leaves(from === undefined ? 0 : integer('from', from), size);
  }
}

/** A decimal non-negative safe integer, or AUDIT_PARAM_INVALID naming the parameter. */
function integer(name: string, raw: string | undefined): number {
  const value = typeof raw === 'string' && INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new AuditError('AUDIT_PARAM_INVALID', `${name} must be a non-negative integer`);
  return value;
}
