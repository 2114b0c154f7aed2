import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { PortalRole } from './portal-user';

/** Portal users and their sessions (`portal_user`, `portal_session`); the first user is an editor. */
@Injectable()
export class PortalUsersRepository extends AccountsRepository<PortalRole> {
  constructor(dataSource: DataSource) {
    super(dataSource, {
      users: 'portal_user',
      sessions: 'portal_session',
      sessionAccountColumn: 'user_id',
      firstRole: 'editor',
    });
  }
}
