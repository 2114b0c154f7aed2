import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { addCalendarMonths, todayInAmsterdam } from '@skp/messages';
import type { DossierListView, ProposalPreviewView } from './dto/schuldregeling-overview.dto';
import type { ProposalRequestDto } from './dto/schuldregeling-requests.dto';
import { planProposal } from './proposal-plan';
import { SchuldregelingRepository } from './schuldregeling.repository';
import { NO_DOSSIER } from './schuldregeling.service';
import { balancesComplete, dossierState, firstOfNextMonth } from './schuldregeling-state';

/** The portal's reads of dossiers: the list, and the proposal calculator (which sends nothing). */
@Injectable()
export class SchuldregelingOverviewService {
  constructor(private readonly repository: SchuldregelingRepository) {}

  async list(limit: number, offset: number): Promise<DossierListView> {
    const rows = await this.repository.listDossiers(limit + 1, offset);
    const view: DossierListView = {
      items: rows.slice(0, limit).map((row) => ({
        caseReference: row.caseReference,
        state: dossierState(row.state, row.creditorStates),
        createdAt: row.createdAt.toISOString(),
        creditors: row.creditorStates.length,
        answered: row.answered,
        ...(row.answered > 0 ? { totalDebtCents: row.totalOutstandingCents } : {}),
      })),
      limit,
      offset,
    };
    if (rows.length > limit) {
      view.nextOffset = offset + limit;
    }
    return view;
  }

  /** What `POST …/proposal` would offer each creditor now, computed by the same code. */
  async preview(caseReference: string, request: ProposalRequestDto): Promise<ProposalPreviewView> {
    const dossier = await this.repository.findDossier(caseReference);
    if (!dossier) {
      throw new NotFoundException(NO_DOSSIER);
    }
    const rows = await this.repository.creditorsOf(caseReference);
    const figures = planProposal(rows, request);
    if (figures.shares.length === 0) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'no creditor stated a claim: there is nothing to propose',
      });
    }
    const termMonths = request.termMonths ?? 18;
    const startDate = request.startDate ?? firstOfNextMonth(todayInAmsterdam());
    const view: ProposalPreviewView = {
      caseReference,
      balancesComplete: balancesComplete(rows.map((r) => r.state)),
      arrangementType: request.arrangementType,
      payoutPercentage: figures.payoutPercentage,
      totalDebtCents: figures.totalDebtCents,
      offeredTotalCents: figures.offeredTotalCents,
      roundingCents: figures.roundingCents,
      termMonths,
      startDate,
      endDate: addCalendarMonths(startDate, termMonths),
      offers: figures.shares.map((share) => ({
        oin: share.key.creditorOin,
        creditorTotalCents: share.creditorTotalCents,
        offeredAmountCents: share.offeredAmountCents,
      })),
    };
    if (figures.unallocatedCents !== undefined) {
      view.unallocatedCents = figures.unallocatedCents;
    }
    return view;
  }
}
