import {
  ARRANGEMENT_END_REASONS,
  ARRANGEMENT_TYPES,
  CLAIM_KINDS,
  PROPOSAL_DECISIONS,
  PROPOSAL_REJECT_REASONS,
  VARIANTS,
} from '../types';
import { ContactDto } from './answer-bodies.dto';
import {
  AfterStart,
  AtMostTotalDebt,
  Bool,
  ClaimsMatchKnown,
  FollowsFromPercentage,
  NestedList,
  OnlyWhenAccepted,
  PayoutPercentage,
  SumOfClaims,
} from './collective-rules';
import { CounsellorDto, DebtorDto, MunicipalityDto, PersonDto } from './kennisgeving.dto';
import {
  IDENTIFIER_MAX,
  Integer,
  IsoDate,
  Nested,
  NOTE_MAX,
  OneOf,
  Optional,
  Required,
  RequiredIff,
  StringList,
  Text,
  Uuid,
} from './rules';

/** The bodies of Collectief Schuldregelen (DESIGN §9). Amounts are whole, non-negative cents. */

export class BalanceRequestBodyDto {
  @Required() @OneOf(VARIANTS) variant!: string;
  @Required() @Nested(() => DebtorDto) debtor!: DebtorDto;
  @Optional() @Nested(() => PersonDto) partner?: PersonDto;
  @Required() @Nested(() => MunicipalityDto) municipality!: MunicipalityDto;
  @Required() @Nested(() => CounsellorDto) counsellor!: CounsellorDto;
  @Required() @Text({ max: IDENTIFIER_MAX }) caseReference!: string;
  @Optional() @Text({ max: IDENTIFIER_MAX }) creditorCustomerNumber?: string;
  @Optional() @StringList() invoiceNumbers?: string[];
  @Required() @Bool() collective!: boolean;
  @Optional() @Uuid() kennisgevingId?: string;
}

export class ClaimDto {
  @Required() @Text({ max: IDENTIFIER_MAX }) reference!: string;
  @Required() @OneOf(CLAIM_KINDS) kind!: string;
  @Required() @Integer(0) originalAmountCents!: number;
  @Required() @Integer(0) outstandingAmountCents!: number;
  @Optional() @Integer(0) costsCents?: number;
  @Optional() @Integer(0) interestCents?: number;
  @Optional() @IsoDate() since?: string;
}

export class BalanceStatementBodyDto {
  @Required() @Bool() known!: boolean;
  @Required() @NestedList(() => ClaimDto) @ClaimsMatchKnown() claims!: ClaimDto[];
  @Required() @Integer(0) @SumOfClaims() totalOutstandingCents!: number;
  @Optional() @Bool() preApproval?: boolean;
  @Optional() @Text({ max: IDENTIFIER_MAX }) paymentReference?: string;
  @Optional() @Nested(() => ContactDto) contact?: ContactDto;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) note?: string;
}

export class PaymentProposalBodyDto {
  @Required() @OneOf(ARRANGEMENT_TYPES) arrangementType!: string;
  @Required() @PayoutPercentage() payoutPercentage!: string;
  @Required() @Integer(0) @AtMostTotalDebt() creditorTotalCents!: number;
  @Required() @Integer(0) @FollowsFromPercentage() offeredAmountCents!: number;
  @Required() @Integer(0) totalDebtCents!: number;
  @Required() @Integer(1, 36) termMonths!: number;
  @Required() @IsoDate() startDate!: string;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) note?: string;
}

export class ProposalResponseBodyDto {
  @Required() @OneOf(PROPOSAL_DECISIONS) decision!: string;
  @RequiredIff('decision', 'REJECTED') @OneOf(PROPOSAL_REJECT_REASONS) rejectReason?: string;
  @Required() @Bool() @OnlyWhenAccepted() byPreApproval!: boolean;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) note?: string;
}

export class ArrangementAgreedBodyDto {
  @Required() @OneOf(ARRANGEMENT_TYPES) arrangementType!: string;
  @Required() @PayoutPercentage() payoutPercentage!: string;
  @Required() @Integer(0) offeredAmountCents!: number;
  @Required() @Text({ max: IDENTIFIER_MAX }) paymentReference!: string;
  @Required() @IsoDate() startDate!: string;
  @Required() @IsoDate() @AfterStart() endDate!: string;
}

export class ArrangementEndedBodyDto {
  @Required() @OneOf(ARRANGEMENT_END_REASONS) reason!: string;
  @Optional() @Integer(0) paidAmountCents?: number;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) note?: string;
}

export class StatusRequestBodyDto {
  @Optional() @Text({ max: 500, multiline: true }) question?: string;
}
