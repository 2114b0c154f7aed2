/**
 * Creates the development PKI in PKI_DIR (default .pki/): a dev CA and one certificate per demo
 * party, plus parties.json. Keeps existing files unless --force (so running demos stay valid).
 */
import { createDevCa, issuePartyCertificate, PemKeyPair } from '@skp/crypto/dev';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface DemoParty {
  slug: string;
  oin: string;
  name: string;
  kind: 'HUB' | 'MUNICIPALITY' | 'CREDITOR';
  bsnAllowed: boolean;
  gemeentecodes?: string[];
}

const DEMO_PARTIES: DemoParty[] = [
  { slug: 'hub', oin: '00000099000000000001', name: 'Schuldenknooppunt hub', kind: 'HUB', bsnAllowed: false },
  {
    slug: 'gemeente-utrecht',
    oin: '00000001002220647000',
    name: 'Gemeente Utrecht',
    kind: 'MUNICIPALITY',
    bsnAllowed: false,
    gemeentecodes: ['0344'],
  },
  {
    slug: 'creditor-public',
    oin: '00000099100000000002',
    name: 'Landelijk Incassobureau (publiek)',
    kind: 'CREDITOR',
    bsnAllowed: true,
  },
  {
    slug: 'creditor-private',
    oin: '00000099200000000003',
    name: 'Energie Noord BV (privaat)',
    kind: 'CREDITOR',
    bsnAllowed: false,
  },
  // the other creditors of a Collectief Schuldregelen dossier in `npm run demo -- --load N`
  ...Array.from({ length: 12 }, (_, i) => ({
    slug: `creditor-regeling-${String(i + 1).padStart(2, '0')}`,
    oin: `00000099300000000${String(i + 1).padStart(3, '0')}`,
    name: `Schuldeiser Regeling ${i + 1}`,
    kind: 'CREDITOR' as const,
    bsnAllowed: false,
  })),
];

const force = process.argv.includes('--force');
const dir = resolve(process.env.PKI_DIR ?? '.pki');
mkdirSync(dir, { recursive: true });

function write(file: string, content: string, secret = false): void {
  writeFileSync(join(dir, file), content);
  if (secret) {
    chmodSync(join(dir, file), 0o600);
  }
  console.log(`pki:dev wrote ${join(dir, file)}`);
}

const caCrt = join(dir, 'ca.crt');
const caKey = join(dir, 'ca.key');
let ca: PemKeyPair;
// a new CA invalidates every party certificate, so parties are reissued with it
const newCa = force || !existsSync(caCrt) || !existsSync(caKey);
if (newCa) {
  ca = createDevCa({ commonName: 'Schuldenknooppunt Dev CA' });
  write('ca.crt', ca.certPem);
  write('ca.key', ca.keyPem, true);
} else {
  ca = { certPem: readFileSync(caCrt, 'utf8'), keyPem: readFileSync(caKey, 'utf8') };
  console.log(`pki:dev kept ${caCrt}`);
}

for (const party of DEMO_PARTIES) {
  const crt = `${party.slug}.crt`;
  const key = `${party.slug}.key`;
  if (!newCa && existsSync(join(dir, crt)) && existsSync(join(dir, key))) {
    console.log(`pki:dev kept ${join(dir, crt)}`);
    continue;
  }
  const issued = issuePartyCertificate(ca, { oin: party.oin, name: party.name });
  write(crt, issued.chainPem.join(''));
  write(key, issued.keyPem, true);
}

const listing = DEMO_PARTIES.map((party) => ({
  ...party,
  cert: join(dir, `${party.slug}.crt`),
  key: join(dir, `${party.slug}.key`),
}));
const partiesJson = JSON.stringify(listing, null, 2) + '\n';
if (
  existsSync(join(dir, 'parties.json')) &&
  readFileSync(join(dir, 'parties.json'), 'utf8') === partiesJson
) {
  console.log(`pki:dev kept ${join(dir, 'parties.json')}`);
} else {
  write('parties.json', partiesJson);
}
