import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The operator console at `/` (docs/decisions/0003-hub-console.md). */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
