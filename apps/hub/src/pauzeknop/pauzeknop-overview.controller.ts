import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PartiesService } from '../parties/parties.service';
import { toHelpRequestView, toMunicipalityCountsView } from './dto/pauzeknop.views';
import { PauzeknopRepository } from './pauzeknop.repository';

const RECENT = 200;

/** The console's view of the Pauzeknop: per municipality and per request, metadata only. */
@ApiTags('pauzeknop')
@ApiBearerAuth()
@Controller('api/pauzeknop/overview')
export class PauzeknopOverviewController {
  constructor(
    private readonly repository: PauzeknopRepository,
    private readonly parties: PartiesService,
  ) {}

  @Get()
  async overview() {
    const [rows, counts, snapshot] = await Promise.all([
      this.repository.recentHelpRequests(RECENT),
      this.repository.helpRequestsByMunicipality(),
      this.parties.registrySnapshot(),
    ]);
    const names = new Map([...snapshot].map(([oin, s]) => [oin, s.party.name]));
    return {
      municipalities: counts.map((c) => toMunicipalityCountsView(c, names)),
      totalOverdue: counts.reduce((sum, c) => sum + c.overdue, 0),
      requests: rows.map((r) => toHelpRequestView(r, names)),
    };
  }
}
