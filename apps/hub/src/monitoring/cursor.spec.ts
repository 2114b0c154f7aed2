import { decodeCursor, encodeCursor } from './cursor';

describe('message page cursor', () => {
  it('round-trips a position', () => {
    const position = {
      receivedAt: '2026-01-02T03:04:05.123456Z',
      messageId: '0b7e3c1e-8f0a-4d55-9a43-0d4ad1f0f2a1',
    };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses anything it did not issue', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('["2026-01-02", "x"]').toString('base64url'))).toBeNull();
    expect(
      decodeCursor(
        Buffer.from(
          `["2026-01-02T03:04:05.123456Z'; DROP TABLE message; --", "0b7e3c1e-8f0a-4d55-9a43-0d4ad1f0f2a1"]`,
        ).toString('base64url'),
      ),
    ).toBeNull();
  });
});
