import { type DynamicModule, Module } from '@nestjs/common';
import { PasswordHasher } from '@cicu/shared';
import { DemoOfficersBootstrap } from './demo-officers.bootstrap';
import { OfficersController } from './officers.controller';
import { OFFICERS_OPTIONS, type OfficersOptions } from './officers.options';
import { OfficersRepository } from './officers.repository';
import { OfficersService } from './officers.service';

/**
 * The node's officers. `withController: false` gives the bare services, for the
 * officer-create CLI (no HTTP, no demo bootstrap).
 */
@Module({})
export class OfficersModule {
  static forRoot(options: OfficersOptions, { withController = true } = {}): DynamicModule {
    return {
      module: OfficersModule,
      controllers: withController ? [OfficersController] : [],
      providers: [
        { provide: OFFICERS_OPTIONS, useValue: options },
        OfficersRepository,
        OfficersService,
        PasswordHasher,
        ...(withController ? [DemoOfficersBootstrap] : []),
      ],
      exports: [OfficersRepository, OfficersService, PasswordHasher],
    };
  }
}
