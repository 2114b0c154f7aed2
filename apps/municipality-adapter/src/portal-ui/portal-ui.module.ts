import { Module } from '@nestjs/common';
import { staticUiController } from '@skp/platform';
import { join } from 'node:path';

/**
 * The portal for counsellors at `/` (DESIGN §10): static pages over this adapter's own API, which
 * decides who may see and change what (docs/decisions/0008-one-front-end-for-three-web-uis.md).
 */
@Module({ controllers: [staticUiController(join('apps', 'municipality-adapter', 'portal'))] })
export class PortalUiModule {}
