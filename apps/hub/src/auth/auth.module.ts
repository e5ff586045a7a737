import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { DirectoryModule } from '../directory/directory.module';
import { AdminAuthGuard } from './admin-auth.guard';
import { AuditReaderGuard } from './audit-reader.guard';
import { JtiReplayCache } from './jti-replay-cache';
import { NodeAssertionStrategy } from './node-assertion.strategy';
import { NodeAuthGuard } from './node-auth.guard';
import { NodeAuthService } from './node-auth.service';
import { NodeContactRepository, NodeContacts } from './node-contacts';
import { NodesController } from './nodes.controller';

/**
 * Node → hub authentication by client assertion, and the Passport guards HubAccessGuard runs
 * for @NodeAuth(), @AuditReader() and @AdminRoles() routes.
 */
@Module({
  imports: [PassportModule.register({ session: false }), DirectoryModule],
  controllers: [NodesController],
  providers: [NodeAuthService, NodeContacts, NodeContactRepository, JtiReplayCache, NodeAssertionStrategy, NodeAuthGuard, AuditReaderGuard, AdminAuthGuard],
  exports: [NodeAuthService, NodeContacts, NodeAuthGuard, AuditReaderGuard, AdminAuthGuard],
})
export class AuthModule {}
