import { Module } from '@nestjs/common';
import { ClaimsController } from './claims.controller';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';

/** The claims register (DESIGN §9): import, list, and the claims a BalanceStatement is made of. */
@Module({
  controllers: [ClaimsController],
  providers: [ClaimsRepository, ClaimsService],
  exports: [ClaimsRepository],
})
export class ClaimsModule {}
