import {
  addCalendarMonths,
  END_REASONS,
  isIsoDate,
  PAUSE_MAX_MONTHS,
  PROGRESS_STATUSES,
  ProgressUpdateBody,
} from '@skp/messages';
import { FieldViolation, fieldViolation } from '../kennisgeving/field-violation';

const FIELDS = new Set(['status', 'newPauseEnd', 'endReason', 'note']);
const NOTE_MAX = 2000;

export type PreparedProgress =
  { ok: true; body: ProgressUpdateBody } | { ok: false; violations: FieldViolation[] };

/**
 * Checks `POST /kennisgevingen/:caseReference/progress` against DESIGN §3: `newPauseEnd` required
 * iff PAUSE_EXTENDED and at most 8 months after the original pause start of every Kennisgeving of
 * the case (`pauseStarts`); `endReason` required iff PAUSE_ENDED.
 */
export function prepareProgress(raw: unknown, pauseStarts: string[]): PreparedProgress {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, violations: [fieldViolation('', 'not-an-object')] };
  }
  const request = raw as Record<string, unknown>;
  const found: FieldViolation[] = Object.keys(request)
    .filter((key) => !FIELDS.has(key))
    .map((key) => fieldViolation(key, 'unknown-field'));
  const { status, newPauseEnd, endReason, note } = request;

  if (status === undefined) {
    found.push(fieldViolation('status', 'required'));
  } else if (!(PROGRESS_STATUSES as readonly unknown[]).includes(status)) {
    found.push(fieldViolation('status', 'one-of'));
  }

  if (status === 'PAUSE_EXTENDED' && newPauseEnd === undefined) {
    found.push(fieldViolation('newPauseEnd', 'required-iff-PAUSE_EXTENDED'));
  } else if (status !== 'PAUSE_EXTENDED' && newPauseEnd !== undefined) {
    found.push(fieldViolation('newPauseEnd', 'forbidden-unless-PAUSE_EXTENDED'));
  } else if (newPauseEnd !== undefined) {
    if (!isIsoDate(newPauseEnd)) {
      found.push(fieldViolation('newPauseEnd', 'iso-date'));
    } else {
      if (pauseStarts.some((start) => newPauseEnd > addCalendarMonths(start, PAUSE_MAX_MONTHS))) {
        found.push(fieldViolation('newPauseEnd', 'pause-max-8-months'));
      }
      if (pauseStarts.some((start) => newPauseEnd <= start)) {
        found.push(fieldViolation('newPauseEnd', 'not-after-pause-start'));
      }
    }
  }

  if (status === 'PAUSE_ENDED' && endReason === undefined) {
    found.push(fieldViolation('endReason', 'required-iff-PAUSE_ENDED'));
  } else if (status !== 'PAUSE_ENDED' && endReason !== undefined) {
    found.push(fieldViolation('endReason', 'forbidden-unless-PAUSE_ENDED'));
  } else if (endReason !== undefined && !(END_REASONS as readonly unknown[]).includes(endReason)) {
    found.push(fieldViolation('endReason', 'one-of'));
  }

  if (note !== undefined) {
    if (typeof note !== 'string') {
      found.push(fieldViolation('note', 'string'));
    } else if (note.length > NOTE_MAX) {
      found.push(fieldViolation('note', `max-length-${NOTE_MAX}`));
    }
  }
  if (found.length > 0) {
    return { ok: false, violations: found };
  }
  const body: ProgressUpdateBody = { status: status as ProgressUpdateBody['status'] };
  if (newPauseEnd !== undefined) {
    body.newPauseEnd = newPauseEnd as string;
  }
  if (endReason !== undefined) {
    body.endReason = endReason as ProgressUpdateBody['endReason'];
  }
  if (note !== undefined) {
    body.note = note as string;
  }
  return { ok: true, body };
}
