export * from './types';
export * from './amqp-names';
export * from './domain/identifiers';
export * from './domain/dates';
export * from './domain/working-days';
export * from './domain/help-request-reference';
export { type Violation, describeRule } from './validation/violation';
export { validateMessage, validateUnsigned } from './protocol/validate-message';
// The message's rule decorators, for request DTOs that must follow the same rules under the same names.
export {
  Email,
  IDENTIFIER_MAX,
  Integer,
  IsoDate,
  Nested,
  NOTE_MAX,
  Oin,
  OneOf,
  Optional,
  PauseEnd,
  Pattern,
  Required,
  RequiredIff,
  rule,
  StringList,
  Text,
} from './validation/rules';
export { MessageDecodeError, type DecodeErrorCode } from './codec/decode-error';
export { decode, encode, signingInput } from './codec/codec';
export { canonicalJson } from './codec/canonical-json';
export { MAX_NESTING, FORBIDDEN_NAMES } from './codec/structure';
export { XML_ROOT } from './codec/xml-model';
export { newMessageId, nowRfc3339, buildHeader, buildReplyHeader, type HeaderInput } from './builders';
export * from './protocol';
export { brokenRules, type BrokenRule } from './validation/validate-object';
export * from './domain/payout';
