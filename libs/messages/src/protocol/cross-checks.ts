import { maxPauseEnd } from '../domain/dates';
import type { PauseAcknowledgementBody, ProgressUpdateBody } from '../types';
import type { EarlierMessage, Verdict } from './protocol-types';

/** A creditor may confirm a shorter pause than asked for, never a longer one (DESIGN §2). */
export function pausedUntilWithinRequestedPause(
  body: PauseAcknowledgementBody,
  kennisgeving: EarlierMessage,
): Verdict | null {
  if (body.pausedUntil && kennisgeving.pauseEnd && body.pausedUntil > kennisgeving.pauseEnd) {
    return {
      reasonCode: 'SCHEMA_INVALID',
      reason: 'body.pausedUntil: may not be later than the requested pause end',
    };
  }
  return null;
}

/** An extended pause still ends at most 8 months after the original start (DESIGN §2, §3). */
export function newPauseEndWithinEightMonths(
  body: ProgressUpdateBody,
  kennisgeving: EarlierMessage,
): Verdict | null {
  if (
    body.newPauseEnd &&
    kennisgeving.pauseStart &&
    body.newPauseEnd > maxPauseEnd(kennisgeving.pauseStart)
  ) {
    return {
      reasonCode: 'SCHEMA_INVALID',
      reason: 'body.newPauseEnd: a pause ends at most 8 months after its start',
    };
  }
  return null;
}
