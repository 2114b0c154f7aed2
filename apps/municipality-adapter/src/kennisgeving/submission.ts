import {
  buildHeader,
  isValidOin,
  KennisgevingBody,
  UnsignedMessage,
  validateUnsigned,
  Variant,
} from '@skp/messages';
import { SubmitKennisgevingDto } from './dto/submit-kennisgeving.dto';
import { dedupeViolations, dtoViolations, FieldViolation, fieldViolation, relabel } from './field-violation';
import { buildBody, isObject, requestField, SubmissionContext } from './submission-body';
import { chooseVariant, duplicateCreditors } from './submission-rules';

export { chooseVariant } from './submission-rules';
export type { SubmissionContext } from './submission-body';

/** One creditor of a submitted case. */
export interface CreditorRequest {
  oin: string;
  customerNumber?: string;
  invoiceNumbers?: string[];
}

/** `POST /kennisgevingen`, after parsing (JSON, XML and CSV rows all become this). */
export interface SubmissionRequest {
  caseReference: string;
  debtor: KennisgevingBody['debtor'];
  partner?: KennisgevingBody['partner'];
  counsellor?: Partial<KennisgevingBody['counsellor']>;
  admissionDate: string;
  signal?: 1 | 2 | 3 | 4;
  pause: { start: string; end?: string };
  creditors: CreditorRequest[];
}

/** One Kennisgeving ready to sign, for one creditor. */
export interface PlannedKennisgeving {
  creditor: string;
  variant: Variant;
  message: UnsignedMessage<'Kennisgeving'>;
}

export type PreparedSubmission =
  | {
      ok: true;
      caseReference: string;
      pause: { start: string; end: string };
      planned: PlannedKennisgeving[];
      /** the debtor as the municipality knows it (with BSN), for its own portal */
      debtor: KennisgevingBody['debtor'];
    }
  | { ok: false; violations: FieldViolation[] };

/** a syntactically valid OIN used only to validate a body when the creditor's own OIN is bad */
const PLACEHOLDER_OIN = '00000099000000000000';

/**
 * Checks a whole request and builds one Kennisgeving per creditor: PUBLIC with the BSN for a
 * creditor allowed to process it, PRIVATE without it otherwise; pause end defaults to start + 4
 * months, signal to 4, the counsellor to the configured desk. Every built message is validated
 * with the canonical rules too, so nothing is stored that the hub would refuse as SCHEMA_INVALID.
 * All violations come back at once, labelled with the request's own field paths.
 */
export function prepareSubmission(
  raw: unknown,
  context: SubmissionContext,
  now = new Date(),
): PreparedSubmission {
  if (!isObject(raw)) {
    return { ok: false, violations: [fieldViolation('', 'not-an-object')] };
  }
  const found: FieldViolation[] = [
    ...dtoViolations(SubmitKennisgevingDto, raw),
    ...duplicateCreditors(raw.creditors),
  ];

  const creditors = (Array.isArray(raw.creditors) ? raw.creditors : []).map((c: unknown) =>
    isObject(c) ? c : {},
  );
  // With no usable creditor, still validate one PRIVATE and one PUBLIC body so every body rule is reported.
  const targets =
    creditors.length > 0 ? creditors : [{ oin: PLACEHOLDER_OIN }, { oin: PLACEHOLDER_OIN, public: true }];
  const planned: PlannedKennisgeving[] = [];
  targets.forEach((creditor, index) => {
    const oin = isValidOin(creditor.oin) ? creditor.oin : PLACEHOLDER_OIN;
    const variant = creditor.public === true ? 'PUBLIC' : chooseVariant(oin, context.bsnAllowed);
    const message: UnsignedMessage<'Kennisgeving'> = {
      header: buildHeader({
        type: 'Kennisgeving',
        sender: context.sender,
        recipient: oin,
        createdAt: now.toISOString(),
      }),
      body: buildBody(raw, creditor, variant, context),
    };
    for (const violation of validateUnsigned(message)) {
      found.push(relabel(violation, requestField(violation.path, index)));
    }
    planned.push({ creditor: oin, variant, message });
  });

  const violations = dedupeViolations(found);
  if (violations.length > 0) {
    return { ok: false, violations };
  }
  const body = planned[0].message.body;
  const debtor = buildBody(raw, {}, 'PUBLIC', context).debtor;
  return { ok: true, caseReference: body.caseReference, pause: { ...body.pause }, planned, debtor };
}
