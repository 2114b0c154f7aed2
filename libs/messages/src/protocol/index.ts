export * from './protocol-types';
export { ANSWER_DEADLINE_TYPES, PROTOCOL, protocolEntry } from './protocol';
export { newPauseEndWithinEightMonths, pausedUntilWithinRequestedPause } from './cross-checks';
