import { Module } from '@nestjs/common';
import { KennisgevingModule } from '../kennisgeving/kennisgeving.module';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';

/** `POST /kennisgevingen/:caseReference/progress`: a ProgressUpdate in each creditor's conversation. */
@Module({
  imports: [KennisgevingModule],
  controllers: [ProgressController],
  providers: [ProgressService],
})
export class ProgressModule {}
