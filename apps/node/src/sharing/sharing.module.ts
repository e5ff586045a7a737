import { Module } from '@nestjs/common';
import { HubRelay } from './hub-relay';
import { SharingActionSigner } from './sharing-action.signer';

/** The node's half of the officer-action mechanism: signing on an officer's behalf (needs the global keyring and NODE_CONFIG). */
@Module({ providers: [SharingActionSigner, HubRelay], exports: [SharingActionSigner, HubRelay] })
export class SharingModule {}
