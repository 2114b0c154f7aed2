import { Module } from '@nestjs/common';
import { staticUiController } from '@skp/platform';
import { join } from 'node:path';
import { ConsoleMetaController } from './console-meta.controller';

/** The operator console at `/` (docs/decisions/0003-hub-console.md) and the enumerations it shows. */
@Module({ controllers: [staticUiController(join('apps', 'hub', 'console')), ConsoleMetaController] })
export class ConsoleModule {}
