import { Global, Module } from '@nestjs/common';
import { HEALTH_CHECKS } from '@cicu/shared';
import { AuthModule } from '../auth/auth.module';
import { DirectoryModule } from '../directory/directory.module';
import { AdminKeysController } from './admin-keys.controller';
import { EnrollmentController } from './enrollment.controller';
import { EnrollmentRepository } from './enrollment.repository';
import { EnrollmentService } from './enrollment.service';
import { keyExpiryHealth } from './key-expiry.health';
import { KeyLifecycleService } from './key-lifecycle.service';
import { NodeKeysController } from './node-keys.controller';

/**
 * Node enrolment, key rotation and revocation, expiry warnings (docs/adr-key-lifecycle.md).
 * Global only to hand the hub's HealthController its HEALTH_CHECKS list (the 'keys' entry).
 */
@Global()
@Module({
  imports: [DirectoryModule, AuthModule],
  controllers: [EnrollmentController, NodeKeysController, AdminKeysController],
  providers: [
    EnrollmentRepository,
    EnrollmentService,
    KeyLifecycleService,
    { provide: HEALTH_CHECKS, inject: [KeyLifecycleService], useFactory: (keys: KeyLifecycleService) => [keyExpiryHealth(keys)] },
  ],
  exports: [EnrollmentService, KeyLifecycleService, HEALTH_CHECKS],
})
export class KeyLifecycleModule {}
