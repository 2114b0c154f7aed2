import { Injectable } from '@nestjs/common';
import type { Debtor } from '@skp/messages';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { InboxMessage } from '../inbox/inbox-message.entity';
import { Pause } from './pause.entity';
import type { PauseRecord } from './pause-rules';

/** How the collection system identifies a debtor in a lookup (already normalised). */
export type DebtorKey =
  | { kind: 'bsn'; bsn: string }
  | { kind: 'customerNumber'; customerNumber: string }
  | { kind: 'person'; surnameKey: string; birthDate: string; postcode: string };

export const REGISTER_STATES = ['active', 'ended', 'all'] as const;
export type RegisterState = (typeof REGISTER_STATES)[number];

export interface RegisterFilter {
  state: RegisterState;
  today: string;
  limit: number;
  offset: number;
}

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
    const query = this.inForce(this.dataSource.getRepository(Pause).createQueryBuilder('p'), today);
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

  /** A page of the register, newest Kennisgeving first, with the total of the filter. */
  async page(filter: RegisterFilter): Promise<{ pauses: Pause[]; total: number }> {
    const query = this.dataSource
      .getRepository(Pause)
      .createQueryBuilder('p')
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.conversationId', 'DESC')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.state === 'active') {
      this.inForce(query, filter.today);
    } else if (filter.state === 'ended') {
      query.where(
        new Brackets((ended) =>
          ended.where('p.liftedOn IS NOT NULL').orWhere('p.endDate < :today', { today: filter.today }),
        ),
      );
    }
    const [pauses, total] = await Promise.all([query.getMany(), query.getCount()]);
    return { pauses, total };
  }

  /** Every pause in force today, oldest first: the rows of the export. */
  allInForce(today: string): Promise<Pause[]> {
    return this.inForce(this.dataSource.getRepository(Pause).createQueryBuilder('p'), today)
      .orderBy('p.startDate', 'ASC')
      .addOrderBy('p.conversationId', 'ASC')
      .getMany();
  }

  /**
   * The debtor of each conversation as this creditor received it in the Kennisgeving: the register
   * keeps only lookup keys, the inbox keeps the signed message.
   */
  async debtorsOf(conversationIds: string[]): Promise<Map<string, Debtor>> {
    if (conversationIds.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource
      .getRepository(InboxMessage)
      .createQueryBuilder('m')
      .select('m.conversationId', 'conversationId')
      .addSelect("m.message -> 'body' -> 'debtor'", 'debtor')
      .where("m.type = 'Kennisgeving'")
      .andWhere('m.conversationId IN (:...conversationIds)', { conversationIds })
      .getRawMany<{ conversationId: string; debtor: Debtor }>();
    return new Map(rows.map((row) => [row.conversationId, row.debtor]));
  }

  private inForce(query: SelectQueryBuilder<Pause>, today: string): SelectQueryBuilder<Pause> {
    return query.where('p.liftedOn IS NULL').andWhere('p.endDate >= :today', { today });
  }
}
