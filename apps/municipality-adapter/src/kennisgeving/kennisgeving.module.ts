import { Module } from '@nestjs/common';
import { KennisgevingController } from './kennisgeving.controller';
import { KennisgevingRepository } from './kennisgeving.repository';
import { KennisgevingService } from './kennisgeving.service';

/** `POST /kennisgevingen` (JSON or XML) and the case view; owns the Kennisgeving records. */
@Module({
  controllers: [KennisgevingController],
  providers: [KennisgevingRepository, KennisgevingService],
  exports: [KennisgevingRepository, KennisgevingService],
})
export class KennisgevingModule {}
