import { addCalendarMonths, isIsoDate, PAUSE_MAX_MONTHS, ProgressUpdateBody } from '@skp/messages';
import { dtoViolations, FieldViolation, fieldViolation } from '../kennisgeving/field-violation';
import { ProgressRequestDto } from './dto/progress-request.dto';

export type PreparedProgress =
  { ok: true; body: ProgressUpdateBody } | { ok: false; violations: FieldViolation[] };

/**
 * The rule of a pause extension that depends on the case: `newPauseEnd` after, and at most 8
 * months after, the original pause start of every Kennisgeving of the case (`pauseStarts`).
 */
export function pauseExtensionViolations(newPauseEnd: string, pauseStarts: string[]): FieldViolation[] {
  const found: FieldViolation[] = [];
  if (pauseStarts.some((start) => newPauseEnd > addCalendarMonths(start, PAUSE_MAX_MONTHS))) {
    found.push(fieldViolation('newPauseEnd', 'pause-max-8-months'));
  }
  if (pauseStarts.some((start) => newPauseEnd <= start)) {
    found.push(fieldViolation('newPauseEnd', 'not-after-pause-start'));
  }
  return found;
}

/**
 * Checks `POST /kennisgevingen/:caseReference/progress` against DESIGN §3: the DTO's field rules
 * (status, `newPauseEnd` iff PAUSE_EXTENDED, `endReason` iff PAUSE_ENDED, note) and the case's
 * pause starts; builds the ProgressUpdate body from the fields that were sent.
 */
export function prepareProgress(raw: unknown, pauseStarts: string[]): PreparedProgress {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, violations: [fieldViolation('', 'not-an-object')] };
  }
  const found = dtoViolations(ProgressRequestDto, raw);
  const { status, newPauseEnd, endReason, note } = raw as Partial<ProgressRequestDto>;
  if (status === 'PAUSE_EXTENDED' && isIsoDate(newPauseEnd)) {
    found.push(...pauseExtensionViolations(newPauseEnd, pauseStarts));
  }
  if (found.length > 0) {
    return { ok: false, violations: found };
  }
  const body: ProgressUpdateBody = { status: status as ProgressUpdateBody['status'] };
  if (newPauseEnd !== undefined) {
    body.newPauseEnd = newPauseEnd;
  }
  if (endReason !== undefined) {
    body.endReason = endReason;
  }
  if (note !== undefined) {
    body.note = note;
  }
  return { ok: true, body };
}
