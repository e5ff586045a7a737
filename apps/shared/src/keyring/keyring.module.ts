import { type DynamicModule, Module } from '@nestjs/common';
import { KeyringController } from './keyring.controller';
import { KEYRING_OPTIONS, type KeyringOptions } from './keyring.options';
import { KeyringRepository } from './keyring.repository';
import { KeyringService } from './keyring.service';

/**
 * The app's own sealed keys and their public JWK Set. Global, so every capability module can
 * inject KeyringService; needs LocalKeyEntity among the app's entities and
 * Keyring1795963596100 among its migrations.
 */
@Module({})
export class KeyringModule {
  static forRoot(options: KeyringOptions): DynamicModule {
    return {
      module: KeyringModule,
      global: true,
      controllers: [KeyringController],
      providers: [{ provide: KEYRING_OPTIONS, useValue: options }, KeyringRepository, KeyringService],
      exports: [KeyringService],
    };
  }
}
