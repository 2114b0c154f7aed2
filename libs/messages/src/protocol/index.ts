export * from './protocol-types';
export { PROTOCOL, protocolEntry } from './protocol';
export { newPauseEndWithinEightMonths, pausedUntilWithinRequestedPause } from './cross-checks';
