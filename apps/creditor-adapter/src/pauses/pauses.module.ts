import { Module } from '@nestjs/common';
import { PauseRegister } from './pause-register.service';
import { PauseRegisterView } from './pause-register-view.service';
import { PauseRepository } from './pause.repository';
import { PausesController } from './pauses.controller';

@Module({
  controllers: [PausesController],
  providers: [PauseRepository, PauseRegister, PauseRegisterView],
  exports: [PauseRegister],
})
export class PausesModule {}
