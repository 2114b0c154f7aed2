import type { Debtor } from '@skp/messages';
import type { Pause } from '../pause.entity';
import { isPauseActive } from '../pause-rules';

/**
 * A pause of the register as the creditor's own staff see it: the debtor as this creditor received
 * it (never a BSN from the message: only the one the register may hold).
 */
export function toRegisterEntry(pause: Pause, debtor: Debtor | undefined, today: string) {
  return {
    conversationId: pause.conversationId,
    active: isPauseActive(pause, today),
    caseReference: pause.caseReference,
    municipalityOin: pause.municipalityOin,
    municipality: pause.municipality,
    counsellor: pause.counsellor,
    bsn: pause.bsn,
    customerNumber: pause.customerNumber,
    ...(debtor ? { debtor: withoutBsn(debtor) } : {}),
    startDate: pause.startDate,
    requestedEnd: pause.requestedEnd,
    endDate: pause.endDate,
    liftedOn: pause.liftedOn,
    liftReason: pause.liftReason,
    lastStatus: pause.lastStatus,
    receivedAt: pause.createdAt.toISOString(),
  };
}

function withoutBsn(debtor: Debtor): Omit<Debtor, 'bsn'> {
  const { bsn: _bsn, ...rest } = debtor;
  return rest;
}
