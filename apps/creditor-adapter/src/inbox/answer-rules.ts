import {
  BalanceStatementBody,
  buildHeader,
  describeRule,
  MessageType,
  PauseAcknowledgementBody,
  ProposalResponseBody,
  validateUnsigned,
} from '@skp/messages';
import type { FieldViolation } from '@skp/platform';

/** The messages a person (or a policy) answers here, and the type of their answer. */
export const ANSWER_TYPE_OF = {
  Kennisgeving: 'PauseAcknowledgement',
  BalanceRequest: 'BalanceStatement',
  PaymentProposal: 'ProposalResponse',
} as const;
export type AnswerableType = keyof typeof ANSWER_TYPE_OF;
export type AnswerBody = PauseAcknowledgementBody | BalanceStatementBody | ProposalResponseBody;

export function isAnswerable(type: string): type is AnswerableType {
  return Object.hasOwn(ANSWER_TYPE_OF, type);
}

export function fieldViolation(field: string, rule: string, text?: string): FieldViolation {
  return { field, rule, message: `${field} ${text ?? describeRule(rule)}` };
}

/** Keeps defined fields only: the body signed is exactly what was given. */
export function definedFields<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Every rule of the message type's own body class that `body` breaks, named by the body's field
 * paths, exactly as the hub would judge the signed message.
 */
export function bodyViolations(type: MessageType, body: unknown): FieldViolation[] {
  // A placeholder envelope: only the body's rules are of interest here.
  const placeholder = '00000000-0000-4000-8000-000000000000';
  const header = buildHeader({
    type,
    sender: '00000099000000000000',
    recipient: '00000099000000000000',
    conversationId: placeholder,
    inReplyTo: placeholder,
  });
  return validateUnsigned({ header, body })
    .filter((v) => v.path === 'body' || v.path.startsWith('body.'))
    .map((v) =>
      fieldViolation(v.path === 'body' ? 'body' : requestPath(v.path.slice('body.'.length)), v.rule),
    );
}

/** `claims.0.kind` as the HTTP 400 names list items elsewhere: `claims[0].kind`. */
function requestPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}
