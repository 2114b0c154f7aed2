import { createPortalTables, dropPortalTables } from '@skp/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Portal users with roles, their sessions and the portal audit (the same tables in both adapters). */
export class PortalUsers1765200000000 implements MigrationInterface {
  name = 'PortalUsers1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await createPortalTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropPortalTables(q);
  }
}
