import type { ChannelModel } from 'amqplib';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { corkFrameWrites } from './corked-writes';

function modelWith(muxer: unknown): ChannelModel {
  return { connection: { muxer } } as unknown as ChannelModel;
}

describe('corkFrameWrites', () => {
  it("moves amqplib's queued frames with the socket corked, so they leave in one write", () => {
    const calls: string[] = [];
    const out = { cork: () => calls.push('cork'), uncork: () => calls.push('uncork') };
    const mux = {
      out,
      _readIncoming(this: { out: unknown }) {
        calls.push(this.out === out ? 'frames' : 'wrong this');
      },
    };
    expect(corkFrameWrites(modelWith(mux))).toBe(true);
    mux._readIncoming();
    expect(calls).toEqual(['cork', 'frames', 'uncork']);
  });

  it('uncorks even when moving the frames throws', () => {
    const calls: string[] = [];
    const mux = {
      out: { cork: () => calls.push('cork'), uncork: () => calls.push('uncork') },
      _readIncoming() {
        throw new Error('socket gone');
      },
    };
    corkFrameWrites(modelWith(mux));
    expect(() => mux._readIncoming()).toThrow('socket gone');
    expect(calls).toEqual(['cork', 'uncork']);
  });

  it('changes nothing when amqplib does not have the known shape', () => {
    expect(corkFrameWrites(modelWith(undefined))).toBe(false);
    const readIncoming = (): void => undefined;
    const mux = { out: {}, _readIncoming: readIncoming };
    expect(corkFrameWrites(modelWith(mux))).toBe(false);
    expect(mux._readIncoming).toBe(readIncoming);
  });
});

describe('corkFrameWrites on the installed amqplib', () => {
  it("finds the frame multiplexer's shape it relies on (a different amqplib is noticed here)", () => {
    // the package exports no subpaths: reach the file beside its entry point
    const file = join(dirname(require.resolve('amqplib')), 'lib', 'connection.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Connection } = require(file) as {
      Connection: new (stream: unknown) => unknown;
    };
    const connection = new Connection(new PassThrough());
    expect(corkFrameWrites({ connection } as unknown as ChannelModel)).toBe(true);
  });
});
