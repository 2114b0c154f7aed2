import { Module } from '@nestjs/common';
import { KennisgevingModule } from '../kennisgeving/kennisgeving.module';
import { ImportJobRepository } from './import-job.repository';
import { ImportJobRunner } from './import-job.runner';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';

/** `POST /kennisgevingen/import` (CSV) and its durable jobs, resumed after a restart. */
@Module({
  imports: [KennisgevingModule],
  controllers: [ImportController],
  providers: [ImportJobRepository, ImportJobRunner, ImportService],
})
export class ImportModule {}
