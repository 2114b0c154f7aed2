import { ServiceUnavailableException } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MunicipalityEnv } from '../config/municipality.env';
import { DIRECTORY_CACHE_MS, DirectoryClient, parseDirectory } from './directory.client';

/** A real HTTP server standing in for the hub's `GET /api/directory`, counting its requests. */
async function fakeHub(body: unknown): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const client = (url: string) => new DirectoryClient({ MUNICIPALITY_HUB_URL: url } as MunicipalityEnv);

describe('DirectoryClient', () => {
  const entries = [
    { oin: '00000099000000000003', name: 'Energie', kind: 'CREDITOR', bsnAllowed: true, pem: 'secret' },
    { oin: '00000099000000000002', name: 'Gemeente', kind: 'MUNICIPALITY', bsnAllowed: false },
  ];

  it('keeps creditors only, metadata only, and reuses the answer for 60 s', async () => {
    const hub = await fakeHub(entries);
    try {
      const directory = client(hub.url);
      const now = 1_000_000;
      expect(await directory.creditors(now)).toEqual([
        { oin: '00000099000000000003', name: 'Energie', kind: 'CREDITOR', bsnAllowed: true },
      ]);
      await directory.creditors(now + DIRECTORY_CACHE_MS - 1);
      expect(hub.hits()).toBe(1);
      await directory.creditors(now + DIRECTORY_CACHE_MS);
      expect(hub.hits()).toBe(2);
      expect((await directory.namesByOin(now + DIRECTORY_CACHE_MS)).get('00000099000000000003')).toBe(
        'Energie',
      );
    } finally {
      hub.server.close();
    }
  });

  it('answers 503 when the hub cannot be reached, and no names', async () => {
    const directory = client('http://127.0.0.1:9');
    await expect(directory.creditors()).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect((await directory.namesByOin()).size).toBe(0);
  });

  it('refuses an answer that is not a list', () => {
    expect(() => parseDirectory({ parties: [] })).toThrow(/not a list/);
  });
});
