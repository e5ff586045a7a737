import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { MessageEntity } from '../message.entity';

/** What an answer needs to know about the request it answers. */
export type StoredRequest = Pick<MessageEntity, 'id' | 'fromUnit' | 'toUnit' | 'agreementId' | 'agreementVersion'>;

/** The only code of the submission capability that touches TypeORM. */
@Injectable()
export class SubmissionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(MessageEntity).existsBy({ id });
  }

  async findRequest(id: string): Promise<StoredRequest | undefined> {
    const row = await this.dataSource.getRepository(MessageEntity).findOne({
      where: { id, kind: 'request' },
      select: { id: true, fromUnit: true, toUnit: true, agreementId: true, agreementVersion: true },
    });
    return row ?? undefined;
  }
}
