import { Module } from '@nestjs/common';
import { DirectoryClient } from './directory.client';
import { DirectoryController } from './directory.controller';

/** `GET /directory`: the hub's creditor parties, and their names for the case list. */
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryClient],
  exports: [DirectoryClient],
})
export class DirectoryModule {}
