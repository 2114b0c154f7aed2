import { Module } from '@nestjs/common';
import { PauseRegister } from './pause-register.service';
import { PauseRepository } from './pause.repository';
import { PausesController } from './pauses.controller';

@Module({
  controllers: [PausesController],
  providers: [PauseRepository, PauseRegister],
  exports: [PauseRegister],
})
export class PausesModule {}
