import { addCalendarMonths, isIsoDate, PauseAcknowledgementBody, UnsignedMessage } from '@skp/messages';
import type { FieldViolation } from '@skp/platform';
import { bodyViolations, definedFields, fieldViolation } from '../inbox/answer-rules';

/** What an answer is checked against: the Kennisgeving it answers and this creditor's policy. */
export interface AcknowledgementContext {
  pauseStart: string;
  requestedEnd: string;
  maxPauseMonths?: number;
}

/** Longest pause this creditor confirms: the requested end, capped by its own policy if it has one. */
export function latestPausedUntil(ctx: AcknowledgementContext): string {
  if (ctx.maxPauseMonths === undefined) {
    return ctx.requestedEnd;
  }
  const cap = addCalendarMonths(ctx.pauseStart, ctx.maxPauseMonths);
  return cap < ctx.requestedEnd ? cap : ctx.requestedEnd;
}

/** The auto-acknowledge policy: PAUSED at once, for as long as asked and the policy allows. */
export function autoAcknowledgement(ctx: AcknowledgementContext): PauseAcknowledgementBody {
  return { decision: 'PAUSED', pausedUntil: latestPausedUntil(ctx) };
}

/**
 * Every rule an answer typed in by a person breaks: the message schema (required-iff, enums, note
 * length, unknown fields) plus the rules that need the Kennisgeving: pausedUntil after the pause
 * start, not after the requested end and not beyond the creditor's own maximum.
 */
export function acknowledgementViolations(body: unknown, ctx: AcknowledgementContext): FieldViolation[] {
  const found = bodyViolations('PauseAcknowledgement', body);
  const pausedUntil = (body as { pausedUntil?: unknown } | null)?.pausedUntil;
  if ((body as { decision?: unknown } | null)?.decision === 'PAUSED' && isIsoDate(pausedUntil)) {
    if (pausedUntil <= ctx.pauseStart) {
      found.push(
        fieldViolation(
          'pausedUntil',
          'after-pause-start',
          'must be after the pause start of the Kennisgeving',
        ),
      );
    }
    if (pausedUntil > ctx.requestedEnd) {
      found.push(
        fieldViolation('pausedUntil', 'max-requested-end', 'must not be later than the requested pause end'),
      );
    } else if (pausedUntil > latestPausedUntil(ctx)) {
      found.push(
        fieldViolation(
          'pausedUntil',
          `max-pause-${ctx.maxPauseMonths}-months`,
          `must be at most ${ctx.maxPauseMonths} calendar months after the pause start (this creditor's policy)`,
        ),
      );
    }
  }
  return found;
}

/** Keeps the signed body to the fields of the message, in a stable form. */
export function toAcknowledgementBody(body: PauseAcknowledgementBody): PauseAcknowledgementBody {
  return definedFields(body);
}

export type UnsignedAcknowledgement = UnsignedMessage<'PauseAcknowledgement'>;
