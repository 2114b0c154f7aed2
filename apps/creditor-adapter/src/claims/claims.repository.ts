import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DebtorKeys } from './balance-rules';
import { ClaimRecord } from './claim.entity';
import type { ClaimRow } from './claims-csv';

@Injectable()
export class ClaimsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores every row in one transaction: a known reference is replaced, its updated_at moves. */
  async upsert(rows: ClaimRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      for (let start = 0; start < rows.length; start += 500) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ClaimRecord)
          .values(rows.slice(start, start + 500))
          .orUpdate(
            [
              'kind',
              'original_amount_cents',
              'outstanding_amount_cents',
              'customer_number',
              'bsn',
              'surname_key',
              'birth_date',
              'postcode',
              'since',
              'updated_at',
            ],
            ['reference'],
          )
          .updateEntity(false)
          .execute();
      }
    });
  }

  /** Ordered by reference; the page and the count of all claims. */
  async list(limit: number, offset: number): Promise<{ claims: ClaimRecord[]; total: number }> {
    const [claims, total] = await this.dataSource
      .getRepository(ClaimRecord)
      .createQueryBuilder('c')
      .orderBy('c.reference', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { claims, total };
  }

  /**
   * Claims that may be the debtor's, by any of the three keys (one indexed branch each); the
   * caller decides with claimMatches.
   */
  findCandidates(manager: EntityManager, keys: DebtorKeys): Promise<ClaimRecord[]> {
    const query = manager.getRepository(ClaimRecord).createQueryBuilder('c');
    const branches: string[] = [];
    if (keys.bsn !== null) {
      branches.push('c.bsn = :bsn');
    }
    if (keys.customerNumber !== null) {
      branches.push('c.customerNumber = :customerNumber');
    }
    if (keys.surnameKeys.length > 0) {
      branches.push(
        '(c.birthDate = :birthDate AND c.postcode = :postcode AND c.surnameKey IN (:...surnameKeys))',
      );
    }
    if (branches.length === 0) {
      return Promise.resolve([]);
    }
    return query
      .where(branches.join(' OR '), {
        bsn: keys.bsn,
        customerNumber: keys.customerNumber,
        birthDate: keys.birthDate,
        postcode: keys.postcode,
        surnameKeys: keys.surnameKeys,
      })
      .orderBy('c.reference', 'ASC')
      .getMany();
  }
}
