import type { BalanceStatementBody, PaymentProposalBody, ProposalResponseBody } from '@skp/messages';
import type { FieldViolation } from '@skp/platform';
import { preApprovalGap } from '../claims/balance-rules';
import { bodyViolations, definedFields, fieldViolation } from '../inbox/answer-rules';

/**
 * Rules of this creditor's Collectief Schuldregelen answers (DESIGN §9) that need more than the
 * message's own body class: what the request asked, and what an answer by hand may claim. Pure.
 */

/** Every rule a BalanceStatement typed in by a person breaks; pre-approval only on a collective request. */
export function statementViolations(body: unknown, request: { collective: boolean }): FieldViolation[] {
  const found = bodyViolations('BalanceStatement', body);
  const preApproval = (body as { preApproval?: unknown } | null)?.preApproval;
  if (preApproval !== undefined && !request.collective) {
    found.push(
      fieldViolation(
        'preApproval',
        'only-when-collective',
        'may only be given in answer to a collective BalanceRequest',
      ),
    );
  }
  return found;
}

/** A person's ProposalResponse: byPreApproval may be left out (false), and is never true by hand. */
export function manualProposalResponse(input: object): object {
  // the DTO instance carries every declared field, undefined where not given
  return { byPreApproval: false, ...definedFields(input) };
}

export function proposalResponseViolations(body: unknown): FieldViolation[] {
  const found = bodyViolations('ProposalResponse', body);
  if ((body as { byPreApproval?: unknown } | null)?.byPreApproval === true) {
    found.push(
      fieldViolation(
        'byPreApproval',
        'false-when-by-hand',
        'must be false: an answer by hand is not given under pre-approval',
      ),
    );
  }
  return found;
}

export type AutomaticProposalAnswer =
  { accept: true; response: ProposalResponseBody } | { accept: false; reason: string };

/**
 * The collective creditor's answer to a proposal: ACCEPTED by pre-approval when it follows the
 * statement this adapter sent in that conversation; otherwise the reason a person must look at it.
 */
export function automaticProposalAnswer(
  statement: BalanceStatementBody | null,
  proposal: PaymentProposalBody,
  maxTermMonths: number,
): AutomaticProposalAnswer {
  if (!statement) {
    return { accept: false, reason: 'no balance statement of this adapter is answered by it' };
  }
  const gap = preApprovalGap(statement, proposal, maxTermMonths);
  return gap === null
    ? { accept: true, response: { decision: 'ACCEPTED', byPreApproval: true } }
    : { accept: false, reason: gap };
}
