import { Inject, Injectable } from '@nestjs/common';
import type { BalanceStatementBody, ProposalResponseBody, SkpMessage } from '@skp/messages';
import { badRequest, InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import { claimMatches, debtorKeysOf, statementFrom } from '../claims/balance-rules';
import { ClaimsRepository } from '../claims/claims.repository';
import type { CreditorPolicy } from '../config/creditor-policy';
import { CREDITOR_POLICY } from '../creditor.tokens';
import { AnswerBody, bodyViolations, definedFields } from '../inbox/answer-rules';
import { InboxAnswers } from '../inbox/inbox-answers.service';
import type { AnsweredBy, InboxMessage } from '../inbox/inbox-message.entity';
import { InboxRepository } from '../inbox/inbox.repository';
import { CreditorMetrics } from '../metrics/creditor.metrics';
import {
  automaticProposalAnswer,
  manualProposalResponse,
  proposalResponseViolations,
  statementViolations,
} from './collective-answer-rules';

type BalanceRequest = SkpMessage<'BalanceRequest'>;
type PaymentProposal = SkpMessage<'PaymentProposal'>;

/**
 * Collectief Schuldregelen on the creditor's side (DESIGN §9): balance statements from the claims
 * register and answers to payment proposals, at once under the collective policy or by hand.
 */
@Injectable()
export class CollectiveAnswers {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly inbox: InboxRepository,
    private readonly answers: InboxAnswers,
    @Inject(CREDITOR_POLICY) private readonly policy: CreditorPolicy,
    private readonly metrics: CreditorMetrics,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Inside the intake's transaction: a collective request to a collective creditor is answered at once. */
  async onBalanceRequest(manager: EntityManager, request: BalanceRequest): Promise<void> {
    if (!this.policy.collective || !request.body.collective) {
      return;
    }
    const keys = debtorKeysOf(request.body, this.policy.bsnAllowed);
    const claims = (await this.claims.findCandidates(manager, keys)).filter((claim) =>
      claimMatches(claim, keys),
    );
    const statement = statementFrom(claims, request.body, true) as BalanceStatementBody;
    const problems = bodyViolations('BalanceStatement', statement);
    if (problems.length > 0) {
      // e.g. a claim the register holds that a statement cannot carry: a person answers instead
      this.logger.warn(
        { messageId: request.header.messageId, rules: problems.map((p) => `${p.field}:${p.rule}`) },
        'automatic balance statement breaks message rules; left for a person',
      );
      return;
    }
    await this.send(manager, request, statement, 'AUTO');
  }

  /** Inside the intake's transaction: a proposal that follows the pre-approval is accepted at once. */
  async onPaymentProposal(manager: EntityManager, proposal: PaymentProposal): Promise<void> {
    if (!this.policy.collective) {
      return;
    }
    const outcome = automaticProposalAnswer(
      await this.statementAnswered(manager, proposal),
      proposal.body,
      this.policy.collectiveMaxTermMonths,
    );
    if (!outcome.accept) {
      this.logger.info(
        { messageId: proposal.header.messageId, reason: outcome.reason },
        'payment proposal left for a person',
      );
      return;
    }
    await this.send(manager, proposal, outcome.response, 'AUTO');
  }

  /** POST /inbox/:messageId/balance */
  answerBalanceByHand(messageId: string, input: object): Promise<InboxMessage> {
    return this.answers.answerByHand(messageId, 'BalanceRequest', async (manager, entry) => {
      const request = entry.message as BalanceRequest;
      const body = definedFields(input);
      const violations = statementViolations(body, request.body);
      if (violations.length > 0) {
        throw badRequest(violations);
      }
      await this.send(manager, request, body as BalanceStatementBody, 'MANUAL');
    });
  }

  /** POST /inbox/:messageId/proposal-response */
  answerProposalByHand(messageId: string, input: object): Promise<InboxMessage> {
    return this.answers.answerByHand(messageId, 'PaymentProposal', async (manager, entry) => {
      const body = manualProposalResponse(input);
      const violations = proposalResponseViolations(body);
      if (violations.length > 0) {
        throw badRequest(violations);
      }
      await this.send(manager, entry.message as PaymentProposal, body as ProposalResponseBody, 'MANUAL');
    });
  }

  /**
   * The BalanceStatement this adapter sent that the proposal replies to, in the same conversation
   * and to the same municipality; null when the proposal answers anything else.
   */
  private async statementAnswered(
    manager: EntityManager,
    proposal: PaymentProposal,
  ): Promise<BalanceStatementBody | null> {
    const { inReplyTo, conversationId, sender } = proposal.header;
    const request = inReplyTo ? await this.inbox.findByAnswer(manager, inReplyTo) : null;
    if (
      !request ||
      request.type !== 'BalanceRequest' ||
      request.conversationId !== conversationId ||
      request.sender !== sender
    ) {
      return null;
    }
    return request.answer as BalanceStatementBody;
  }

  private async send(
    manager: EntityManager,
    question: BalanceRequest | PaymentProposal,
    body: AnswerBody,
    by: AnsweredBy,
  ): Promise<SkpMessage> {
    const signed = await this.answers.send(manager, question, body, by);
    this.metrics.collectiveAnswersSent.inc({
      type: signed.header.type,
      mode: by === 'AUTO' ? 'auto' : 'manual',
    });
    return signed;
  }
}
