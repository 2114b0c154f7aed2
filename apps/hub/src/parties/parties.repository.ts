import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Party, PartyCertificate } from './party.entity';

@Injectable()
export class PartiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findAll(): Promise<Party[]> {
    return this.dataSource.getRepository(Party).find({ order: { name: 'ASC' } });
  }

  findOne(oin: string): Promise<Party | null> {
    return this.dataSource.getRepository(Party).findOneBy({ oin });
  }

  findAllCertificates(): Promise<PartyCertificate[]> {
    return this.dataSource.getRepository(PartyCertificate).find({ order: { addedAt: 'ASC' } });
  }

  findCertificates(oin: string): Promise<PartyCertificate[]> {
    return this.dataSource
      .getRepository(PartyCertificate)
      .find({ where: { partyOin: oin }, order: { addedAt: 'ASC' } });
  }

  /**
   * Inserts the party and its first certificate; `beforeCommit` runs inside the transaction (it
   * sets up the party's broker side), so when it fails nothing is registered.
   */
  async insertWithCertificate(
    party: Party,
    certificate: PartyCertificate,
    beforeCommit: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.getRepository(Party).insert(party);
      await manager.getRepository(PartyCertificate).insert(certificate);
      await beforeCommit();
    });
  }

  /** Removes one certificate of the party; false when the party has no such certificate. */
  async deleteCertificate(oin: string, sha256: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(PartyCertificate).delete({ partyOin: oin, sha256 });
    return (result.affected ?? 0) > 0;
  }

  async insertCertificate(certificate: PartyCertificate): Promise<void> {
    await this.dataSource.getRepository(PartyCertificate).insert(certificate);
  }

  /** `beforeCommit` runs inside the transaction (broker side of a status change). */
  async update(
    oin: string,
    changes: Partial<
      Pick<
        Party,
        'name' | 'status' | 'bsnAllowed' | 'gemeentecodes' | 'brokerUsername' | 'brokerCredentialsIssuedAt'
      >
    >,
    beforeCommit: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.getRepository(Party).update({ oin }, { ...changes, updatedAt: new Date() });
      await beforeCommit();
    });
  }
}
