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

  async insertWithCertificate(party: Party, certificate: PartyCertificate): Promise<void> {
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.getRepository(Party).insert(party);
      await manager.getRepository(PartyCertificate).insert(certificate);
    });
  }

  async insertCertificate(certificate: PartyCertificate): Promise<void> {
    await this.dataSource.getRepository(PartyCertificate).insert(certificate);
  }

  async update(oin: string, changes: Partial<Pick<Party, 'name' | 'status' | 'bsnAllowed'>>): Promise<void> {
    await this.dataSource.getRepository(Party).update({ oin }, { ...changes, updatedAt: new Date() });
  }
}
