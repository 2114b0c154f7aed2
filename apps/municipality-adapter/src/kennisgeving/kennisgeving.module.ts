import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { CaseListController } from './case-list.controller';
import { CaseListRepository } from './case-list.repository';
import { CaseListService } from './case-list.service';
import { KennisgevingController } from './kennisgeving.controller';
import { KennisgevingRepository } from './kennisgeving.repository';
import { KennisgevingService } from './kennisgeving.service';

/** `POST /kennisgevingen` (JSON or XML), the case list and the case view; owns the Kennisgeving records. */
@Module({
  imports: [DirectoryModule],
  controllers: [CaseListController, KennisgevingController],
  providers: [KennisgevingRepository, KennisgevingService, CaseListRepository, CaseListService],
  exports: [KennisgevingRepository, KennisgevingService],
})
export class KennisgevingModule {}
