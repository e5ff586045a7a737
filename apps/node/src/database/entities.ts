import { LocalKeyEntity } from '@cicu/shared';
import { DirectorySnapshotEntity } from '../directory/directory-snapshot.entity';
import { HubTrustEntity } from '../directory/hub-trust.entity';
import { InboxMessageEntity } from '../inbox/inbox-message.entity';
import { SentReceiptEntity } from '../inbox/sent-receipt.entity';
import { OfficerEntity } from '../officers/officer.entity';

/** Every entity of the node, handed to DatabaseModule.forRoot. */
export const NODE_ENTITIES = [LocalKeyEntity, OfficerEntity, HubTrustEntity, DirectorySnapshotEntity, InboxMessageEntity, SentReceiptEntity];
