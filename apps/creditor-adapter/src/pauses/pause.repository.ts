import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Pause } from './pause.entity';
import type { PauseRecord } from './pause-rules';

/** How the collection system identifies a debtor in a lookup (already normalised). */
export type DebtorKey =
  | { kind: 'bsn'; bsn: string }
  | { kind: 'customerNumber'; customerNumber: string }
  | { kind: 'person'; surnameKey: string; birthDate: string; postcode: string };

@Injectable()
export class PauseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, record: PauseRecord): Promise<void> {
    await manager.getRepository(Pause).insert(record);
  }

  findForUpdate(manager: EntityManager, conversationId: string): Promise<Pause | null> {
    return manager
      .getRepository(Pause)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.conversationId = :conversationId', { conversationId })
      .getOne();
  }

  async save(manager: EntityManager, record: PauseRecord): Promise<void> {
    // Timestamps of a loaded row are left to the database (updated_at is set on every update).
    const { conversationId, ...changes } = record as PauseRecord &
      Partial<Pick<Pause, 'createdAt' | 'updatedAt'>>;
    delete changes.createdAt;
    delete changes.updatedAt;
    await manager.getRepository(Pause).update({ conversationId }, changes);
  }

  /** The debtor's pauses that may be in force on `today`: one indexed query per lookup. */
  findCurrent(key: DebtorKey, today: string): Promise<Pause[]> {
    const query = this.dataSource
      .getRepository(Pause)
      .createQueryBuilder('p')
      .where('p.liftedOn IS NULL')
      .andWhere('p.endDate >= :today', { today });
    switch (key.kind) {
      case 'bsn':
        query.andWhere('p.bsn = :bsn', { bsn: key.bsn });
        break;
      case 'customerNumber':
        query.andWhere('p.customerNumber = :customerNumber', { customerNumber: key.customerNumber });
        break;
      case 'person':
        query
          .andWhere('p.birthDate = :birthDate', { birthDate: key.birthDate })
          .andWhere('p.postcode = :postcode', { postcode: key.postcode })
          .andWhere('(p.surnameKey = :surname OR p.fullSurnameKey = :surname)', { surname: key.surnameKey });
        break;
    }
    return query.getMany();
  }
}
