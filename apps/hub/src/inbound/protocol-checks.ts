import type { MessageHeader, PartyRelation, ReplyRule, Route } from '@skp/messages';
import { Admission, AdmissionCheck, ProtocolLookup, refuse } from './admission-types';
import type { KnownMessage } from './known-record';

/**
 * The admission rules that read the message's protocol row: who may send it to whom, which
 * earlier messages it may refer to, the BSN, and the row's cross-checks. No rule names a type.
 */

/** Whether the parties of `header` stand in `relation` to those of an earlier message. */
function related(relation: PartyRelation, earlier: KnownMessage, header: MessageHeader): boolean {
  return relation === 'same'
    ? earlier.sender === header.sender && earlier.recipient === header.recipient
    : earlier.sender === header.recipient && earlier.recipient === header.sender;
}

function isReplyTarget(rule: ReplyRule, earlier: KnownMessage, protocol: ProtocolLookup): boolean {
  if (earlier.state === 'REJECTED') {
    return false;
  }
  return rule.to === 'any'
    ? protocol(earlier.type)?.receipt === true
    : (rule.to as readonly string[]).includes(earlier.type);
}

/** The routed message `inReplyTo` names, when it is one this type may reply to. */
function replyTarget({ entry, message, known, protocol }: Admission): KnownMessage | undefined {
  const id = message.header.inReplyTo;
  const earlier = entry.inReplyTo && id ? known(id) : undefined;
  return earlier && isReplyTarget(entry.inReplyTo!, earlier, protocol) ? earlier : undefined;
}

const article = (types: readonly string[]): string => types.map((t) => `a ${t}`).join(' or ');

function routeApplies(route: Route, body: Record<string, unknown>): boolean {
  return !route.when || route.when.in.includes(String(body[route.when.field]));
}

function routeAllows(route: Route, admission: Admission): boolean {
  const { header } = admission.message;
  // Relative to the replied-to message; when there is none, the conversation check refuses it.
  const target = replyTarget(admission);
  const from =
    route.from === 'REPLIED_RECIPIENT'
      ? !target || target.recipient === header.sender
      : admission.sender.party.kind === route.from; // never 'HUB': the hub does not send to itself
  const to =
    route.to === 'REPLIED_SENDER'
      ? !target || target.sender === header.recipient
      : route.to === 'HUB'
        ? admission.hubOin !== undefined && header.recipient === admission.hubOin
        : admission.recipient?.party.kind === route.to;
  return from && to;
}

function describeRoute(type: string, route: Route): string {
  if (route.from === 'HUB') {
    const only = route.when ? ` with ${route.when.field} ${route.when.in.join(' or ')}` : '';
    return `only the hub sends a ${type}${only}`;
  }
  if (route.from === 'REPLIED_RECIPIENT') {
    return `a ${type} goes from the recipient of the message it replies to, to that message's sender`;
  }
  return `a ${type} goes from ${partyOf(route.from)} to ${partyOf(route.to)}`;
}

function partyOf(end: Route['from'] | Route['to']): string {
  if (end === 'REPLIED_SENDER') {
    return 'the sender of the message it replies to';
  }
  return end === 'HUB' ? 'the hub' : `a ${end.toLowerCase()}`;
}

/** NOT_AUTHORISED unless one of the type's routes that fit the body allows sender and recipient. */
export const direction: AdmissionCheck = (admission) => {
  const { entry, message } = admission;
  const routes = entry.direction.filter((route) =>
    routeApplies(route, message.body as unknown as Record<string, unknown>),
  );
  if (routes.some((route) => routeAllows(route, admission))) {
    return null;
  }
  return refuse(
    'NOT_AUTHORISED',
    routes.map((route) => describeRoute(entry.type, route)).join('; or ') ||
      `no route for this ${entry.type}`,
  );
};

/** CONVERSATION_MISMATCH unless `inReplyTo` and the conversation are what the type's row allows. */
export const conversation: AdmissionCheck = (admission) => {
  const { entry, message, known } = admission;
  const { header } = message;
  const reply = entry.inReplyTo;
  if (reply && (reply.required || header.inReplyTo)) {
    const what = reply.to === 'any' ? 'a message' : article(reply.to);
    const target = replyTarget(admission);
    if (!target) {
      return refuse('CONVERSATION_MISMATCH', `inReplyTo is not ${what} the hub routed`);
    }
    if (!related(reply.parties, target, header)) {
      return refuse('CONVERSATION_MISMATCH', `inReplyTo is ${what} between other parties`);
    }
    if (target.conversationId !== header.conversationId) {
      return refuse('CONVERSATION_MISMATCH', `conversationId differs from the ${target.type} it replies to`);
    }
  }
  const thread = entry.conversation;
  if (thread) {
    const opening = known(header.conversationId);
    if (
      !opening ||
      !(thread.openedBy as readonly string[]).includes(opening.type) ||
      opening.state === 'REJECTED'
    ) {
      return refuse(
        'CONVERSATION_MISMATCH',
        `conversationId is not ${article(thread.openedBy)} the hub routed`,
      );
    }
    if (!related(thread.parties, opening, header)) {
      return refuse('CONVERSATION_MISMATCH', 'the conversation is between other parties');
    }
  }
  return null;
};

/** A debtor's (or partner's) BSN only to a recipient allowed to process it (DESIGN §2). */
export const bsnAllowed: AdmissionCheck = ({ entry, message, recipient }) => {
  if (!entry.carriesDebtor || recipient?.party.bsnAllowed) {
    return null;
  }
  const body = message.body as { debtor?: { bsn?: string }; partner?: { bsn?: string } };
  return body.debtor?.bsn !== undefined || body.partner?.bsn !== undefined
    ? refuse('BSN_NOT_ALLOWED', 'recipient may not process the BSN; send the PRIVATE variant')
    : null;
};

/** The row's rules against the replied-to or opening message (found by the conversation check). */
export const crossChecks: AdmissionCheck = ({ entry, message, known }) => {
  const { header, body } = message;
  for (const crossCheck of entry.crossChecks) {
    const id = crossCheck.against === 'inReplyTo' ? header.inReplyTo : header.conversationId;
    const earlier = id ? known(id) : undefined;
    const verdict = earlier ? crossCheck.check(body, earlier) : null;
    if (verdict) {
      return verdict;
    }
  }
  return null;
};
