import { Injectable } from '@nestjs/common';
import { DirectoryClient } from '../directory/directory.client';
import { CaseCreditorRow, CaseListRepository } from './case-list.repository';
import type { CaseListCreditorView, CaseListQueryDto, CaseListView } from './dto/case-list.dto';

const DEFAULT_LIMIT = 50;

function toCreditorView(row: CaseCreditorRow, names: Map<string, string>): CaseListCreditorView {
  const view: CaseListCreditorView = { oin: row.oin, state: row.state };
  const name = names.get(row.oin);
  if (name) {
    view.name = name;
  }
  if (row.pausedUntil) {
    view.pausedUntil = row.pausedUntil;
  }
  if (row.reasonCode) {
    view.reasonCode = row.reasonCode;
  }
  if (row.declineReason) {
    view.declineReason = row.declineReason;
  }
  return view;
}

/** The portal's case list: one query for the page of cases, one for their creditors. */
@Injectable()
export class CaseListService {
  constructor(
    private readonly repository: CaseListRepository,
    private readonly directory: DirectoryClient,
  ) {}

  async list(query: CaseListQueryDto): Promise<CaseListView> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const rows = await this.repository.cases({
      attention: query.attention?.toUpperCase() as 'OVERDUE' | 'DECLINED' | 'REJECTED' | undefined,
      caseReferencePrefix: query.caseReference,
      limit,
      offset,
    });
    const page = rows.slice(0, limit);
    const [creditors, names] = await Promise.all([
      this.repository.creditorsOf(page.map((r) => r.caseReference)),
      this.directory.namesByOin(),
    ]);
    const view: CaseListView = {
      items: page.map((row) => ({
        caseReference: row.caseReference,
        createdAt: row.createdAt.toISOString(),
        ...(row.debtorLabel ? { debtorLabel: row.debtorLabel } : {}),
        creditors: creditors
          .filter((c) => c.caseReference === row.caseReference)
          .map((c) => toCreditorView(c, names)),
      })),
      limit,
      offset,
    };
    if (rows.length > limit) {
      view.nextOffset = offset + limit;
    }
    return view;
  }
}
