import { Module } from '@nestjs/common';
import { HubClient } from './hub-client';

/** The node's client of the hub API (needs NODE_CONFIG and the global KeyringService). */
@Module({ providers: [HubClient], exports: [HubClient] })
export class HubClientModule {}
