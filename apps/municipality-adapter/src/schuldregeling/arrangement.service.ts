import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  addCalendarMonths,
  ArrangementEndedBody,
  ArrangementType,
  PaymentProposalBody,
  todayInAmsterdam,
} from '@skp/messages';
import { InjectLogger, Logger } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ConversationSender } from './conversation-sender';
import { planProposal, proposalBasis } from './proposal-plan';
import type { EndRequestDto, ProposalRequestDto } from './dto/schuldregeling-requests.dto';
import type { SchuldregelingDossier } from './entities/schuldregeling.entity';
import { SchuldregelingRepository } from './schuldregeling.repository';
import { NO_DOSSIER } from './schuldregeling.service';
import {
  balancesComplete,
  everyProposalAccepted,
  firstOfNextMonth,
  nextCreditorState,
} from './schuldregeling-state';

export interface ProposalResult {
  caseReference: string;
  arrangementType: ArrangementType;
  payoutPercentage: string;
  totalDebtCents: number;
  offeredTotalCents: number;
  roundingCents: number;
  unallocatedCents?: number;
  termMonths: number;
  startDate: string;
  endDate: string;
  proposals: Array<{
    oin: string;
    messageId: string;
    creditorTotalCents: number;
    offeredAmountCents: number;
  }>;
}

const conflict = (message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message });

/** The proposal round, the confirmation once every creditor accepted, and the end of an arrangement. */
@Injectable()
export class ArrangementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SchuldregelingRepository,
    private readonly sender: ConversationSender,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async propose(caseReference: string, request: ProposalRequestDto): Promise<ProposalResult> {
    proposalBasis(request); // refuses a bad basis before any lock is taken
    const termMonths = request.termMonths ?? 18;
    const startDate = request.startDate ?? firstOfNextMonth(todayInAmsterdam());
    const endDate = addCalendarMonths(startDate, termMonths);
    const result = await this.dataSource.transaction(async (manager) => {
      const dossier = await this.lockedDossier(manager, caseReference);
      if (dossier.state !== 'OPEN') {
        throw conflict(`a proposal went out already (dossier ${dossier.state})`);
      }
      const rows = await this.repository.creditorsOf(caseReference, manager);
      if (!balancesComplete(rows.map((r) => r.state))) {
        throw conflict('not every creditor has stated its balance yet');
      }
      const figures = planProposal(rows, request);
      if (figures.shares.length === 0) {
        throw conflict('no creditor stated a claim: there is nothing to propose');
      }
      const proposals: ProposalResult['proposals'] = [];
      for (const share of figures.shares) {
        const body: PaymentProposalBody = {
          arrangementType: request.arrangementType,
          payoutPercentage: figures.payoutPercentage,
          creditorTotalCents: share.creditorTotalCents,
          offeredAmountCents: share.offeredAmountCents,
          totalDebtCents: figures.totalDebtCents,
          termMonths,
          startDate,
          ...(request.note ? { note: request.note } : {}),
        };
        const row = share.key;
        const messageId = await this.sender.send(manager, row, 'PaymentProposal', body, row.statementId!);
        await this.repository.updateCreditor(manager, row.requestId, {
          state: 'PROPOSED',
          proposalId: messageId,
          creditorTotalCents: share.creditorTotalCents,
          offeredAmountCents: share.offeredAmountCents,
        });
        proposals.push({
          oin: row.creditorOin,
          messageId,
          creditorTotalCents: share.creditorTotalCents,
          offeredAmountCents: share.offeredAmountCents,
        });
      }
      await this.repository.updateDossier(manager, caseReference, {
        state: 'PROPOSED',
        arrangementType: request.arrangementType,
        payoutPercentage: figures.payoutPercentage,
        totalDebtCents: figures.totalDebtCents,
        availableCents: request.availableCents ?? null,
        termMonths,
        startDate,
        endDate,
      });
      const answer: ProposalResult = {
        caseReference,
        arrangementType: request.arrangementType,
        payoutPercentage: figures.payoutPercentage,
        totalDebtCents: figures.totalDebtCents,
        offeredTotalCents: figures.offeredTotalCents,
        roundingCents: figures.roundingCents,
        termMonths,
        startDate,
        endDate,
        proposals,
      };
      if (figures.unallocatedCents !== undefined) {
        answer.unallocatedCents = figures.unallocatedCents;
      }
      return answer;
    });
    this.sender.published();
    this.logger.info({ caseReference, proposals: result.proposals.length }, 'PaymentProposals queued');
    return result;
  }

  /**
   * Once every creditor that got a proposal accepted it, sends each an ArrangementAgreed (in the
   * caller's transaction, the dossier locked). Returns whether it did.
   */
  async confirmIfAllAccepted(manager: EntityManager, dossier: SchuldregelingDossier): Promise<boolean> {
    const rows = await this.repository.creditorsOf(dossier.caseReference, manager);
    if (dossier.state !== 'PROPOSED' || !everyProposalAccepted(rows.map((r) => r.state))) {
      return false;
    }
    for (const row of rows.filter((r) => r.state === 'PROPOSAL_ACCEPTED')) {
      await this.sender.send(manager, row, 'ArrangementAgreed', {
        arrangementType: dossier.arrangementType as ArrangementType,
        payoutPercentage: dossier.payoutPercentage!,
        offeredAmountCents: row.offeredAmountCents ?? 0,
        paymentReference: row.paymentReference ?? dossier.caseReference,
        startDate: dossier.startDate!,
        endDate: dossier.endDate!,
      });
      await this.repository.updateCreditor(manager, row.requestId, { state: 'AGREED' });
    }
    await this.repository.updateDossier(manager, dossier.caseReference, { state: 'AGREED' });
    return true;
  }

  /** ArrangementEnded to every creditor with a conversation; the dossier ENDED. */
  async end(
    caseReference: string,
    request: EndRequestDto,
  ): Promise<{ caseReference: string; ended: string[] }> {
    const ended = await this.dataSource.transaction(async (manager) => {
      const dossier = await this.lockedDossier(manager, caseReference);
      if (dossier.state === 'ENDED') {
        throw conflict('this Schuldregeling has ended already');
      }
      const body: ArrangementEndedBody = { reason: request.reason };
      if (request.paidAmountCents !== undefined) {
        body.paidAmountCents = request.paidAmountCents;
      }
      if (request.note) {
        body.note = request.note;
      }
      const oins: string[] = [];
      for (const row of await this.repository.creditorsOf(caseReference, manager)) {
        if (nextCreditorState(row.state, { kind: 'ENDED' }) === null) {
          continue; // the hub refused its BalanceRequest: there is no conversation to end
        }
        await this.sender.send(manager, row, 'ArrangementEnded', body);
        await this.repository.updateCreditor(manager, row.requestId, { state: 'ENDED' });
        oins.push(row.creditorOin);
      }
      await this.repository.updateDossier(manager, caseReference, {
        state: 'ENDED',
        endReason: request.reason,
      });
      return oins;
    });
    this.sender.published();
    return { caseReference, ended };
  }

  private async lockedDossier(manager: EntityManager, caseReference: string): Promise<SchuldregelingDossier> {
    const dossier = await this.repository.lockDossier(manager, caseReference);
    if (!dossier) {
      throw new NotFoundException(NO_DOSSIER);
    }
    return dossier;
  }
}
