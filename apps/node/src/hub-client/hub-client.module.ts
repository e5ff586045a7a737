import { Module } from '@nestjs/common';
import { HeldDirectoryVersion } from './held-directory-version';
import { HubClient } from './hub-client';

/** The node's client of the hub API (needs NODE_CONFIG and the global KeyringService). */
@Module({ providers: [HubClient, HeldDirectoryVersion], exports: [HubClient, HeldDirectoryVersion] })
export class HubClientModule {}
