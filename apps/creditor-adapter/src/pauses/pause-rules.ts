import {
  KennisgevingBody,
  normalisePostcode,
  PauseAcknowledgementBody,
  ProgressUpdateBody,
} from '@skp/messages';

/**
 * The pause register's rules, as pure functions over plain records (DESIGN §7, creditor issue).
 * One record per Kennisgeving (its conversation); a debtor's pause is the combination of the
 * debtor's active records, so a second Kennisgeving for the same debtor extends the pause.
 */
export interface PauseRecord {
  conversationId: string;
  municipalityOin: string;
  bsn: string | null;
  customerNumber: string | null;
  surnameKey: string;
  fullSurnameKey: string;
  birthDate: string;
  postcode: string;
  startDate: string;
  /** the end the municipality asked for in the Kennisgeving */
  requestedEnd: string;
  /** the end in force now: requested, confirmed shorter by this creditor, or moved by an update */
  endDate: string;
  liftedOn: string | null;
  liftReason: string | null;
  lastStatus: string | null;
  caseReference: string;
  municipality: { code: string; name: string };
  counsellor: { organisation: string; name: string; email: string; phone?: string };
}

export interface PauseStatus {
  paused: boolean;
  pausedUntil?: string;
  since?: string;
  caseReference?: string;
  municipality?: { code: string; name: string };
  counsellor?: { organisation: string; name: string; email: string; phone?: string };
  conversationId?: string;
}

/** Case-, accent- and punctuation-blind form of a surname, so "Ö'Brien-Smit" finds "o brien smit". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A new pause from a Kennisgeving. The BSN is kept only when this creditor may process it. */
export function pauseFromKennisgeving(
  conversationId: string,
  municipalityOin: string,
  body: KennisgevingBody,
  bsnAllowed: boolean,
): PauseRecord {
  const { debtor } = body;
  const fullSurname = debtor.surnamePrefix ? `${debtor.surnamePrefix} ${debtor.surname}` : debtor.surname;
  return {
    conversationId,
    municipalityOin,
    bsn: bsnAllowed && debtor.bsn ? debtor.bsn : null,
    customerNumber: body.creditorCustomerNumber ?? null,
    surnameKey: normaliseName(debtor.surname),
    fullSurnameKey: normaliseName(fullSurname),
    birthDate: debtor.birthDate,
    postcode: normalisePostcode(debtor.address.postcode),
    startDate: body.pause.start,
    requestedEnd: body.pause.end,
    endDate: body.pause.end,
    liftedOn: null,
    liftReason: null,
    lastStatus: null,
    caseReference: body.caseReference,
    municipality: body.municipality,
    counsellor: body.counsellor,
  };
}

/**
 * A ProgressUpdate moves the pause: PAUSE_EXTENDED sets the new end, PAUSE_ENDED lifts it as of
 * today. An ended pause stays ended (an extension cannot revive it); other statuses are recorded.
 */
export function applyProgressUpdate(
  pause: PauseRecord,
  update: ProgressUpdateBody,
  today: string,
): PauseRecord {
  const next: PauseRecord = { ...pause, lastStatus: update.status };
  if (pause.liftedOn !== null) {
    return next;
  }
  switch (update.status) {
    case 'PAUSE_EXTENDED':
      return update.newPauseEnd ? { ...next, endDate: update.newPauseEnd } : next;
    case 'PAUSE_ENDED':
      return { ...next, liftedOn: today, liftReason: update.endReason ?? 'OTHER' };
    case 'STABILISATION_STARTED':
    case 'ARRANGEMENT_OFFERED':
    case 'ARRANGEMENT_AGREED':
      return next;
  }
}

/**
 * This creditor's own answer is what its collection system must follow: PAUSED confirms the pause
 * until pausedUntil (possibly shorter than asked), DECLINED means no pause from this creditor.
 */
export function applyAcknowledgement(
  pause: PauseRecord,
  answer: PauseAcknowledgementBody,
  today: string,
): PauseRecord {
  if (pause.liftedOn !== null) {
    return pause;
  }
  if (answer.decision === 'DECLINED') {
    return { ...pause, liftedOn: today, liftReason: `DECLINED_${answer.declineReason ?? 'OTHER'}` };
  }
  return {
    ...pause,
    endDate: answer.pausedUntil ?? pause.endDate,
    customerNumber: pause.customerNumber ?? answer.creditorCustomerNumber ?? null,
  };
}

/** In force today: not lifted, and its end date not passed (the end date itself still counts). */
export function isPauseActive(pause: Pick<PauseRecord, 'liftedOn' | 'endDate'>, today: string): boolean {
  return pause.liftedOn === null && today <= pause.endDate;
}

/**
 * The collection system's answer for one debtor: paused while any of the debtor's pauses is in
 * force, until the latest end; the details are those of the pause that runs longest.
 */
export function summariseDebtorPause(pauses: PauseRecord[], today: string): PauseStatus {
  const active = pauses.filter((pause) => isPauseActive(pause, today));
  if (active.length === 0) {
    return { paused: false };
  }
  const longest = active.reduce((a, b) => (b.endDate > a.endDate ? b : a));
  const since = active.reduce(
    (min, pause) => (pause.startDate < min ? pause.startDate : min),
    longest.startDate,
  );
  return {
    paused: true,
    pausedUntil: longest.endDate,
    since,
    caseReference: longest.caseReference,
    municipality: longest.municipality,
    counsellor: longest.counsellor,
    conversationId: longest.conversationId,
  };
}
