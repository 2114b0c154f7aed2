import { Injectable } from '@nestjs/common';
import { todayInAmsterdam } from '@skp/messages';
import type { PauseRegisterQueryDto } from './dto/pause-register.dto';
import { toRegisterEntry } from './dto/pause-register.views';
import { exportFileName, toPausedDebtorsCsv } from './paused-debtors-csv';
import { PauseRepository } from './pause.repository';

/** The register as the creditor's staff read it: a paged list, and the export of paused debtors. */
@Injectable()
export class PauseRegisterView {
  constructor(private readonly pauses: PauseRepository) {}

  async page(query: PauseRegisterQueryDto) {
    const today = todayInAmsterdam();
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const { pauses, total } = await this.pauses.page({
      state: query.state ?? 'active',
      today,
      limit,
      offset,
    });
    const debtors = await this.pauses.debtorsOf(pauses.map((pause) => pause.conversationId));
    return {
      pauses: pauses.map((pause) => toRegisterEntry(pause, debtors.get(pause.conversationId), today)),
      total,
      limit,
      offset,
    };
  }

  /** One row per pause in force today. */
  async exportCsv(): Promise<{ fileName: string; csv: string }> {
    const today = todayInAmsterdam();
    const pauses = await this.pauses.allInForce(today);
    const debtors = await this.pauses.debtorsOf(pauses.map((pause) => pause.conversationId));
    const rows = pauses.map((pause) => {
      const debtor = debtors.get(pause.conversationId);
      return { pause, ...(debtor ? { debtor } : {}) };
    });
    return { fileName: exportFileName(today), csv: toPausedDebtorsCsv(rows) };
  }
}
