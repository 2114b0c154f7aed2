import { BalanceRequestBody, buildHeader, UnsignedMessage, validateUnsigned, Variant } from '@skp/messages';
import { dedupeViolations, FieldViolation, relabel } from '../kennisgeving/field-violation';
import { buildBody, requestField, SubmissionContext } from '../kennisgeving/submission-body';
import { chooseVariant } from '../kennisgeving/submission-rules';
import type { SubmitSchuldregelingDto } from './dto/schuldregeling-requests.dto';

const KENNISGEVING_ONLY = ['admissionDate', 'signal', 'pause'];

/** One BalanceRequest ready to sign, for one creditor. */
export interface PlannedBalanceRequest {
  creditor: string;
  variant: Variant;
  message: UnsignedMessage<'BalanceRequest'>;
}

export type PreparedBalanceRequests =
  | { ok: true; collective: boolean; planned: PlannedBalanceRequest[] }
  | { ok: false; violations: FieldViolation[] };

/**
 * One BalanceRequest per creditor, built as a Kennisgeving's debtor part is (the same person
 * normalisation, the counsellor desk for what is left out, PUBLIC with the BSN only for a creditor
 * in BSN_ALLOWED_CREDITORS), `collective` true unless the request says false, and the case's
 * Kennisgeving to that creditor when there was one. Every built message is validated with the
 * canonical rules; violations come back on the request's own field paths.
 */
export function prepareBalanceRequests(
  request: SubmitSchuldregelingDto,
  context: SubmissionContext,
  kennisgevingOf: ReadonlyMap<string, string>,
  now = new Date(),
): PreparedBalanceRequests {
  const raw = request as unknown as Record<string, unknown>;
  const collective = request.collective ?? true;
  const found: FieldViolation[] = [];
  const planned = request.creditors.map((creditor, index) => {
    const variant = chooseVariant(creditor.oin, context.bsnAllowed);
    const built = buildBody(raw, creditor as unknown as Record<string, unknown>, variant, context);
    // a BalanceRequest carries the Kennisgeving's debtor part, without admission, signal and pause
    const shared = Object.fromEntries(
      Object.entries(built).filter(([key]) => !KENNISGEVING_ONLY.includes(key)),
    ) as Omit<BalanceRequestBody, 'collective'>;
    const body: BalanceRequestBody = { ...shared, collective };
    const kennisgevingId = kennisgevingOf.get(creditor.oin);
    if (kennisgevingId) {
      body.kennisgevingId = kennisgevingId;
    }
    const message: UnsignedMessage<'BalanceRequest'> = {
      header: buildHeader({
        type: 'BalanceRequest',
        sender: context.sender,
        recipient: creditor.oin,
        createdAt: now.toISOString(),
      }),
      body,
    };
    for (const violation of validateUnsigned(message)) {
      found.push(relabel(violation, requestField(violation.path, index)));
    }
    return { creditor: creditor.oin, variant, message };
  });
  const violations = dedupeViolations(found);
  return violations.length > 0 ? { ok: false, violations } : { ok: true, collective, planned };
}
