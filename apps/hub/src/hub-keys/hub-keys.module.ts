import { Module } from '@nestjs/common';
import { HubKeysController } from './hub-keys.controller';
import { HubKeysRepository } from './hub-keys.repository';
import { HubKeysService } from './hub-keys.service';

/** The hub's own signing key and its public JWK Set. */
@Module({
  controllers: [HubKeysController],
  providers: [HubKeysRepository, HubKeysService],
  exports: [HubKeysService],
})
export class HubKeysModule {}
