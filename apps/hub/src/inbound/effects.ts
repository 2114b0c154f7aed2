import type { OutgoingMessage } from '@skp/platform';
import type { NewEventRow, NewMessageRow, StateMove } from '../delivery-record/record-rows';

export interface Outcome {
  type: string;
  outcome: 'routed' | 'rejected' | 'duplicate' | 'dead_lettered';
  reasonCode?: string;
}

/**
 * Everything one inbound message changes, decided before any write. A batch applies many of these
 * in one transaction; if that fails, each is applied alone so one bad message never sinks the rest.
 */
export interface Effects {
  /** the new message row; when it turns out to exist already (another hub won), the rest is dropped */
  insert?: NewMessageRow;
  events: NewEventRow[];
  moves: StateMove[];
  outbox: OutgoingMessage[];
  outcome: Outcome;
}
