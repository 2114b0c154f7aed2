/**
 * The Collectief Schuldregelen part of the message catalogue (DESIGN §9): example messages, their
 * purposes and field tables, and the section with the flow and the conversation states.
 */
import {
  ARRANGEMENT_END_REASONS,
  ARRANGEMENT_TYPES,
  CLAIM_KINDS,
  CONVERSATION_STATES,
  offeredAmountCents,
  PROPOSAL_REJECT_REASONS,
  UnsignedMessage,
} from '@skp/messages';

export type CollectiveType =
  | 'BalanceRequest'
  | 'BalanceStatement'
  | 'PaymentProposal'
  | 'ProposalResponse'
  | 'ArrangementAgreed'
  | 'ArrangementEnded'
  | 'StatusRequest';

type FieldRow = [field: string, type: string, required: string, rule: string];

const list = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

const ID = {
  request: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b05',
  statement: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b06',
  proposal: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b07',
  response: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b08',
  agreed: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b09',
  ended: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b0a',
  status: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b0b',
};

/** The Schuldregeling that follows the example Kennisgeving: same debtor and creditor, its own conversation. */
export function collectiveExamples(
  oin: { municipality: string; publicCreditor: string },
  kennisgeving: UnsignedMessage<'Kennisgeving'>,
): { [K in CollectiveType]: UnsignedMessage<K> } {
  const toCreditor = {
    schemaVersion: '1.0' as const,
    sender: oin.municipality,
    recipient: oin.publicCreditor,
  };
  const toMunicipality = {
    schemaVersion: '1.0' as const,
    sender: oin.publicCreditor,
    recipient: oin.municipality,
  };
  const inConversation = { conversationId: ID.request };
  return {
    BalanceRequest: {
      header: {
        messageId: ID.request,
        type: 'BalanceRequest',
        ...toCreditor,
        ...inConversation,
        createdAt: '2025-09-01T09:00:00Z',
      },
      body: {
        variant: kennisgeving.body.variant,
        debtor: kennisgeving.body.debtor,
        municipality: kennisgeving.body.municipality,
        counsellor: kennisgeving.body.counsellor,
        caseReference: kennisgeving.body.caseReference,
        creditorCustomerNumber: kennisgeving.body.creditorCustomerNumber,
        collective: true,
        kennisgevingId: kennisgeving.header.messageId,
      },
    },
    BalanceStatement: {
      header: {
        messageId: ID.statement,
        type: 'BalanceStatement',
        ...toMunicipality,
        ...inConversation,
        inReplyTo: ID.request,
        createdAt: '2025-09-01T09:00:40Z',
      },
      body: {
        known: true,
        claims: [
          {
            reference: 'F-2024-0101',
            kind: 'NUTS',
            originalAmountCents: 98_000,
            outstandingAmountCents: 84_550,
            costsCents: 4_000,
            since: '2024-01-15',
          },
          {
            reference: 'F-2024-0202',
            kind: 'NUTS',
            originalAmountCents: 40_000,
            outstandingAmountCents: 40_000,
          },
        ],
        totalOutstandingCents: 124_550,
        preApproval: true,
        paymentReference: 'SR-998877',
        contact: { name: 'Team Bijzonder Beheer', email: 'schuldregeling@incasso.example' },
      },
    },
    PaymentProposal: {
      header: {
        messageId: ID.proposal,
        type: 'PaymentProposal',
        ...toCreditor,
        ...inConversation,
        inReplyTo: ID.statement,
        createdAt: '2025-09-15T10:00:00Z',
      },
      body: {
        arrangementType: 'SCHULDBEMIDDELING',
        payoutPercentage: '12.34',
        creditorTotalCents: 124_550,
        offeredAmountCents: offeredAmountCents(124_550, '12.34'),
        totalDebtCents: 2_350_000,
        termMonths: 18,
        startDate: '2025-10-01',
      },
    },
    ProposalResponse: {
      header: {
        messageId: ID.response,
        type: 'ProposalResponse',
        ...toMunicipality,
        ...inConversation,
        inReplyTo: ID.proposal,
        createdAt: '2025-09-15T10:00:30Z',
      },
      body: { decision: 'ACCEPTED', byPreApproval: true },
    },
    ArrangementAgreed: {
      header: {
        messageId: ID.agreed,
        type: 'ArrangementAgreed',
        ...toCreditor,
        ...inConversation,
        createdAt: '2025-09-22T08:30:00Z',
      },
      body: {
        arrangementType: 'SCHULDBEMIDDELING',
        payoutPercentage: '12.34',
        offeredAmountCents: offeredAmountCents(124_550, '12.34'),
        paymentReference: 'SR-998877',
        startDate: '2025-10-01',
        endDate: '2027-04-01',
      },
    },
    ArrangementEnded: {
      header: {
        messageId: ID.ended,
        type: 'ArrangementEnded',
        ...toCreditor,
        ...inConversation,
        createdAt: '2027-04-02T09:00:00Z',
      },
      body: { reason: 'COMPLETED', paidAmountCents: offeredAmountCents(124_550, '12.34') },
    },
    StatusRequest: {
      header: {
        messageId: ID.status,
        type: 'StatusRequest',
        ...toMunicipality,
        ...inConversation,
        createdAt: '2025-09-10T14:00:00Z',
      },
      body: { question: 'Wanneer volgt het betaalvoorstel?' },
    },
  };
}

export const COLLECTIVE_PURPOSE: Record<CollectiveType, string> = {
  BalanceRequest:
    "Saldoverzoek: the municipality asks one creditor for the debtor's balance. It opens its own conversation " +
    '(`conversationId` = its `messageId`) and identifies the debtor as a Kennisgeving does, with the same ' +
    'PUBLIC/PRIVATE rule and `BSN_NOT_ALLOWED`. `collective: true` asks a Collectief Schuldregelen participant ' +
    'for pre-approval (vooraf akkoord). Without a BalanceStatement after 10 Dutch working days it is OVERDUE.',
  BalanceStatement:
    'Saldo-opgave: the creditor states its claims (`inReplyTo` = the BalanceRequest). `known: false` says the ' +
    'debtor is unknown here, with no claims. `preApproval: true` accepts beforehand any proposal that follows ' +
    'the rules of the arrangement.',
  PaymentProposal:
    'Betaalvoorstel (`inReplyTo` = the BalanceStatement): the payout percentage of the arrangement and what this ' +
    'creditor is offered, `offeredAmountCents` = round(`creditorTotalCents` × `payoutPercentage` / 100).',
  ProposalResponse:
    "The creditor's answer to a PaymentProposal (`inReplyTo` = the proposal): accepted, by hand or " +
    'automatically under pre-approval (`byPreApproval`), or rejected with a reason.',
  ArrangementAgreed:
    'Schuldregeling akkoord: every creditor accepted, the arrangement runs from `startDate` to `endDate`.',
  ArrangementEnded: 'Schuldregeling beëindigd: the arrangement ended, completed or not.',
  StatusRequest:
    "Statusverzoek: the creditor asks for news in a conversation it is part of (a Kennisgeving's or a " +
    "BalanceRequest's); the municipality answers with a ProgressUpdate.",
};

const CLAIM = 'claims[]';
export const COLLECTIVE_BODY_ROWS: Record<CollectiveType, FieldRow[]> = {
  BalanceRequest: [
    [
      'variant, debtor, partner, municipality, counsellor',
      '',
      'as Kennisgeving',
      'see [Kennisgeving](#kennisgeving)',
    ],
    ['caseReference', 'string', 'yes', "the counsellor's dossier number"],
    ['creditorCustomerNumber', 'string', 'no', ''],
    ['invoiceNumbers', 'string[]', 'no', ''],
    ['collective', 'boolean', 'yes', 'Collectief Schuldregelen: asks for pre-approval'],
    ['kennisgevingId', 'UUID', 'no', 'the Kennisgeving of this case, when there was one'],
  ],
  BalanceStatement: [
    ['known', 'boolean', 'yes', 'false: the debtor is unknown here'],
    ['claims', 'object[]', 'yes', 'empty iff `known` is false'],
    [`${CLAIM}.reference`, 'string', 'yes', ''],
    [`${CLAIM}.kind`, 'enum', 'yes', list(CLAIM_KINDS)],
    [`${CLAIM}.originalAmountCents`, 'integer', 'yes', '≥ 0'],
    [`${CLAIM}.outstandingAmountCents`, 'integer', 'yes', '≥ 0'],
    [`${CLAIM}.costsCents`, 'integer', 'no', '≥ 0'],
    [`${CLAIM}.interestCents`, 'integer', 'no', '≥ 0'],
    [`${CLAIM}.since`, 'date', 'no', ''],
    ['totalOutstandingCents', 'integer', 'yes', "the sum of the claims' `outstandingAmountCents`"],
    ['preApproval', 'boolean', 'no', 'only in answer to a collective request'],
    ['paymentReference', 'string', 'no', ''],
    ['contact', 'object', 'no', 'as in PauseAcknowledgement'],
    ['note', 'string', 'no', '≤ 2000 characters'],
  ],
  PaymentProposal: [
    ['arrangementType', 'enum', 'yes', list(ARRANGEMENT_TYPES)],
    ['payoutPercentage', 'string', 'yes', 'two decimals, `"0.00"`–`"100.00"`'],
    ['creditorTotalCents', 'integer', 'yes', "≥ 0, this creditor's admitted debt, ≤ `totalDebtCents`"],
    ['offeredAmountCents', 'integer', 'yes', '= round(creditorTotalCents × payoutPercentage / 100)'],
    ['totalDebtCents', 'integer', 'yes', 'all creditors together'],
    ['termMonths', 'integer', 'yes', '1–36, normally 18'],
    ['startDate', 'date', 'yes', ''],
    ['note', 'string', 'no', '≤ 2000 characters'],
  ],
  ProposalResponse: [
    ['decision', 'enum', 'yes', '`ACCEPTED` or `REJECTED`'],
    ['rejectReason', 'enum', 'iff REJECTED', list(PROPOSAL_REJECT_REASONS)],
    [
      'byPreApproval',
      'boolean',
      'yes',
      'accepted automatically under vooraf akkoord; true only with ACCEPTED',
    ],
    ['note', 'string', 'no', '≤ 2000 characters'],
  ],
  ArrangementAgreed: [
    ['arrangementType', 'enum', 'yes', list(ARRANGEMENT_TYPES)],
    ['payoutPercentage', 'string', 'yes', 'two decimals, `"0.00"`–`"100.00"`'],
    ['offeredAmountCents', 'integer', 'yes', '≥ 0'],
    ['paymentReference', 'string', 'yes', ''],
    ['startDate', 'date', 'yes', ''],
    ['endDate', 'date', 'yes', 'after `startDate`'],
  ],
  ArrangementEnded: [
    ['reason', 'enum', 'yes', list(ARRANGEMENT_END_REASONS)],
    ['paidAmountCents', 'integer', 'no', '≥ 0'],
    ['note', 'string', 'no', '≤ 2000 characters'],
  ],
  StatusRequest: [['question', 'string', 'no', '≤ 500 characters']],
};

/** The flow of one Schuldregeling with one creditor, and its conversation states. */
export function collectiveSection(): string {
  return [
    '## Collectief Schuldregelen',
    '',
    'After stabilisation the counsellor asks every creditor for its balance, offers an arrangement and, when all',
    'agree, confirms it (DESIGN §9). Each creditor has its own conversation, opened by its BalanceRequest; a',
    'participant in Collectief Schuldregelen gives pre-approval with its balance, and a proposal that follows',
    'the rules is then accepted without a further round. Every message gets its DeliveryReceipts as usual.',
    '',
    '```mermaid',
    'sequenceDiagram',
    '  participant M as Municipality adapter',
    '  participant H as Hub',
    '  participant C as Creditor adapter',
    '  M->>H: BalanceRequest (collective: true)',
    '  H-->>M: DeliveryReceipt ACCEPTED',
    '  H->>C: BalanceRequest',
    '  C-->>M: DeliveryReceipt DELIVERED (via the hub)',
    '  C->>H: BalanceStatement (claims, preApproval: true)',
    '  H->>M: BalanceStatement',
    '  M->>H: PaymentProposal (payoutPercentage, offeredAmountCents)',
    '  H->>C: PaymentProposal',
    '  C->>H: ProposalResponse ACCEPTED (byPreApproval: true)',
    '  H->>M: ProposalResponse',
    '  Note over M: every creditor accepted',
    '  M->>H: ArrangementAgreed',
    '  H->>C: ArrangementAgreed',
    '  C->>H: StatusRequest',
    '  H->>M: StatusRequest',
    '  M->>H: ProgressUpdate',
    '  H->>C: ProgressUpdate',
    '  M->>H: ArrangementEnded',
    '  H->>C: ArrangementEnded',
    '```',
    '',
    'The hub tracks the state of each conversation on its BalanceRequest; states only move forward:',
    '',
    table(
      ['state', 'after'],
      Object.entries(STATE_CAUSE).map(([state, cause]) => [`\`${state}\``, cause]),
    ),
  ].join('\n');
}

/** The states of a Schuldregeling's conversation; a HelpRequest's are in its own section. */
const STATE_CAUSE: Partial<Record<(typeof CONVERSATION_STATES)[number], string>> = {
  REQUESTED: 'the BalanceRequest was routed',
  STATED: 'a BalanceStatement with `known: true`',
  UNKNOWN_DEBTOR: 'a BalanceStatement with `known: false`',
  PROPOSED: 'a PaymentProposal',
  ACCEPTED: 'a ProposalResponse `ACCEPTED`',
  REJECTED: 'a ProposalResponse `REJECTED`',
  AGREED: 'ArrangementAgreed',
  ENDED: 'ArrangementEnded',
};

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
