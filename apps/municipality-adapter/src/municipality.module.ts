import { DynamicModule, Module } from '@nestjs/common';
import { PortalUiModule } from './portal-ui/portal-ui.module';
import type { MunicipalityEnv } from './config/municipality.env';
import { DirectoryModule } from './directory/directory.module';
import { HelpRequestModule } from './help-requests/help-request.module';
import { ImportModule } from './import/import.module';
import { KennisgevingModule } from './kennisgeving/kennisgeving.module';
import { MunicipalityCoreModule } from './municipality-core.module';
import { SchuldregelingModule } from './schuldregeling/schuldregeling.module';
import { ProgressModule } from './progress/progress.module';
import { TrackingModule } from './tracking/tracking.module';

/** The municipality adapter: submission API, CSV import, progress updates, receipt and answer tracking. */
@Module({})
export class MunicipalityModule {
  static forRoot(env: MunicipalityEnv): DynamicModule {
    return {
      module: MunicipalityModule,
      // ImportModule before KennisgevingModule: `GET /kennisgevingen/import/:jobId` must be matched
      // before `GET /kennisgevingen/:caseReference`.
      imports: [
        MunicipalityCoreModule.forRoot(env),
        ImportModule,
        KennisgevingModule,
        ProgressModule,
        SchuldregelingModule,
        TrackingModule,
        HelpRequestModule,
        DirectoryModule,
        PortalUiModule,
      ],
    };
  }
}
