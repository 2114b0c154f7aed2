import type { ChannelModel } from 'amqplib';

interface MuxShape {
  out?: { cork?: () => void; uncork?: () => void };
  _readIncoming?: () => void;
}

/**
 * amqplib hands the socket one write per frame; a burst of publishes (a batch's forwards and
 * receipts) then costs a system call each. Corking the socket while amqplib moves its queued frames
 * makes them one `writev`. Reaches into amqplib's frame multiplexer: when its shape is not the one
 * known (another amqplib version), nothing is changed and writes stay as they were.
 * Returns whether the writes are corked now.
 */
export function corkFrameWrites(model: ChannelModel): boolean {
  const mux = (model as unknown as { connection?: { muxer?: MuxShape } }).connection?.muxer;
  const out = mux?.out;
  const readIncoming = mux?._readIncoming;
  if (
    !mux ||
    typeof readIncoming !== 'function' ||
    typeof out?.cork !== 'function' ||
    typeof out.uncork !== 'function'
  ) {
    return false;
  }
  mux._readIncoming = function corked(this: MuxShape): void {
    out.cork!();
    try {
      readIncoming.call(this);
    } finally {
      out.uncork!();
    }
  };
  return true;
}
