import { Module } from '@nestjs/common';
import { ConsoleMetaController } from './console-meta.controller';
import { ConsoleController } from './console.controller';

/** The operator console at `/` (docs/decisions/0003-hub-console.md) and the enumerations it shows. */
@Module({ controllers: [ConsoleController, ConsoleMetaController] })
export class ConsoleModule {}
