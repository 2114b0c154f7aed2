import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Claim } from '@skp/messages';
import type { SchuldregelingCreditor } from '../entities/schuldregeling-creditor.entity';
import type { SchuldregelingDossier } from '../entities/schuldregeling.entity';
import {
  DOSSIER_STATES,
  dossierState,
  isOverdue,
  SCHULDREGELING_CREDITOR_STATES,
} from '../schuldregeling-state';

/* The answers of /schuldregelingen: OpenAPI classes, and the pure mapping from the records. */

export class SubmittedCreditorView {
  @ApiProperty({ description: 'creditor OIN' }) oin!: string;
  @ApiProperty({ format: 'uuid', description: 'the BalanceRequest; also the conversationId' })
  messageId!: string;
  @ApiProperty({ enum: ['PUBLIC', 'PRIVATE'] }) variant!: string;
  @ApiProperty({ enum: SCHULDREGELING_CREDITOR_STATES }) state!: string;
}

export class SchuldregelingSubmittedView {
  @ApiProperty() caseReference!: string;
  @ApiProperty({ type: [SubmittedCreditorView] }) creditors!: SubmittedCreditorView[];
}

export class ProposalSentView {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty() payoutPercentage!: string;
  @ApiProperty() creditorTotalCents!: number;
  @ApiProperty() offeredAmountCents!: number;
}

export class ResponseView {
  @ApiProperty({ enum: ['ACCEPTED', 'REJECTED'] }) decision!: string;
  @ApiPropertyOptional() rejectReason?: string;
  @ApiProperty() byPreApproval!: boolean;
}

export class CreditorStatusView extends SubmittedCreditorView {
  @ApiPropertyOptional({ description: "the hub's reasonCode when it rejected the BalanceRequest" })
  reasonCode?: string;
  @ApiPropertyOptional() totalOutstandingCents?: number;
  @ApiPropertyOptional() preApproval?: boolean;
  @ApiPropertyOptional() paymentReference?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) claims?: Claim[];
  @ApiPropertyOptional({ type: ProposalSentView }) proposal?: ProposalSentView;
  @ApiPropertyOptional({ type: ResponseView }) response?: ResponseView;
  @ApiProperty({ description: 'no BalanceStatement after the answer deadline (working days)' })
  overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) answerDeadline!: string;
}

export class SchuldregelingView {
  @ApiProperty() caseReference!: string;
  @ApiProperty({ enum: DOSSIER_STATES }) state!: string;
  @ApiProperty() collective!: boolean;
  @ApiProperty({ description: 'the sum of the stated balances' }) totalDebtCents!: number;
  @ApiPropertyOptional() arrangementType?: string;
  @ApiPropertyOptional() payoutPercentage?: string;
  @ApiPropertyOptional({ format: 'date' }) startDate?: string;
  @ApiPropertyOptional({ format: 'date' }) endDate?: string;
  @ApiPropertyOptional() termMonths?: number;
  @ApiProperty({ type: [CreditorStatusView] }) creditors!: CreditorStatusView[];
}

function creditorView(row: SchuldregelingCreditor, now: Date): CreditorStatusView {
  const view: CreditorStatusView = {
    oin: row.creditorOin,
    messageId: row.requestId,
    variant: row.variant,
    state: row.state,
    overdue: isOverdue(row.state, row.answerDeadline, now),
    answerDeadline: row.answerDeadline.toISOString(),
  };
  if (row.reasonCode) {
    view.reasonCode = row.reasonCode;
  }
  if (row.statementId) {
    view.totalOutstandingCents = row.totalOutstandingCents ?? 0;
    view.claims = row.claims ?? [];
    if (row.preApproval !== null) {
      view.preApproval = row.preApproval;
    }
    if (row.paymentReference) {
      view.paymentReference = row.paymentReference;
    }
  }
  if (row.proposalId) {
    view.proposal = {
      messageId: row.proposalId,
      payoutPercentage: '',
      creditorTotalCents: row.creditorTotalCents ?? 0,
      offeredAmountCents: row.offeredAmountCents ?? 0,
    };
  }
  if (row.decision) {
    view.response = { decision: row.decision, byPreApproval: row.byPreApproval ?? false };
    if (row.rejectReason) {
      view.response.rejectReason = row.rejectReason;
    }
  }
  return view;
}

export function toSchuldregelingView(
  dossier: SchuldregelingDossier,
  rows: SchuldregelingCreditor[],
  now = new Date(),
): SchuldregelingView {
  const creditors = rows.map((row) => {
    const view = creditorView(row, now);
    if (view.proposal) {
      view.proposal.payoutPercentage = dossier.payoutPercentage ?? '';
    }
    return view;
  });
  const view: SchuldregelingView = {
    caseReference: dossier.caseReference,
    state: dossierState(
      dossier.state,
      rows.map((r) => r.state),
    ),
    collective: dossier.collective,
    totalDebtCents: rows.reduce((sum, r) => sum + (r.totalOutstandingCents ?? 0), 0),
    creditors,
  };
  if (dossier.arrangementType) {
    view.arrangementType = dossier.arrangementType;
    view.payoutPercentage = dossier.payoutPercentage ?? undefined;
    view.startDate = dossier.startDate ?? undefined;
    view.endDate = dossier.endDate ?? undefined;
    view.termMonths = dossier.termMonths ?? undefined;
  }
  return view;
}
