import { generateKeyPairSync } from 'node:crypto';
import { createDetachedJws, parseDetachedJws } from './jws';

/** The protected header is made once per signer chain and algorithm; these prove the reuse never mixes them up. */
describe('createDetachedJws header reuse', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const chain = (fill: number) => [Buffer.alloc(64, fill).toString('base64')];

  it('a renewed certificate signs with its own chain in the header', () => {
    const before = chain(1);
    const renewed = chain(2);
    expect(
      parseDetachedJws(createDetachedJws('{}', { privateKey: ec, alg: 'ES256', x5c: before })).header.x5c,
    ).toEqual(before);
    expect(
      parseDetachedJws(createDetachedJws('{}', { privateKey: ec, alg: 'ES256', x5c: renewed })).header.x5c,
    ).toEqual(renewed);
  });

  it('one chain under two algorithms gets a header per algorithm', () => {
    const x5c = chain(3);
    expect(parseDetachedJws(createDetachedJws('{}', { privateKey: rsa, alg: 'RS256', x5c })).header.alg).toBe(
      'RS256',
    );
    expect(parseDetachedJws(createDetachedJws('{}', { privateKey: rsa, alg: 'PS256', x5c })).header.alg).toBe(
      'PS256',
    );
  });

  it('a key that fitted one algorithm is still refused under one it does not fit', () => {
    const x5c = chain(4);
    createDetachedJws('{}', { privateKey: ec, alg: 'ES256', x5c });
    expect(() => createDetachedJws('{}', { privateKey: ec, alg: 'RS256', x5c })).toThrow(
      'key does not fit RS256',
    );
  });
});
