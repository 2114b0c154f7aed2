import { proposalFigures, type ProposalBasis, type ProposalFigures } from '@skp/messages';
import { badField } from '@skp/platform';
import type { ProposalRequestDto } from './dto/schuldregeling-requests.dto';
import type { SchuldregelingCreditor } from './entities/schuldregeling-creditor.entity';
import { hasClaim } from './schuldregeling-state';

/** Exactly one of payoutPercentage and availableCents, or a 400 naming the field. */
export function proposalBasis(
  request: Pick<ProposalRequestDto, 'payoutPercentage' | 'availableCents'>,
): ProposalBasis {
  const hasPercentage = request.payoutPercentage !== undefined;
  if (hasPercentage === (request.availableCents !== undefined)) {
    throw badField(
      hasPercentage ? 'availableCents' : 'payoutPercentage',
      'exactly-one-of-payoutPercentage-availableCents',
      hasPercentage
        ? 'availableCents must be left out when payoutPercentage is given'
        : 'payoutPercentage is required unless availableCents is given',
    );
  }
  return hasPercentage
    ? { payoutPercentage: request.payoutPercentage! }
    : { availableCents: request.availableCents! };
}

/**
 * The figures of a proposal for the creditors with a claim: the one calculation behind both the
 * proposal that goes out and the portal's preview, so the preview shows exactly what would be sent.
 */
export function planProposal(
  rows: SchuldregelingCreditor[],
  request: Pick<ProposalRequestDto, 'payoutPercentage' | 'availableCents'>,
): ProposalFigures<SchuldregelingCreditor> {
  const basis = proposalBasis(request);
  const withClaim = rows.filter((r) => hasClaim(r.state, r.totalOutstandingCents));
  return proposalFigures(
    withClaim.map((row) => ({ key: row, creditorTotalCents: row.totalOutstandingCents ?? 0 })),
    basis,
  );
}
