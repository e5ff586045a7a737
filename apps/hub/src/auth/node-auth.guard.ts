import { Injectable } from '@nestjs/common';
import { CodedAuthGuard } from './coded-auth.guard';
import { NODE_ASSERTION_STRATEGY } from './node-assertion.strategy';

/** Runs the node-assertion strategy; refusals become `{ code, message }` with their status. */
@Injectable()
export class NodeAuthGuard extends CodedAuthGuard(NODE_ASSERTION_STRATEGY) {}
