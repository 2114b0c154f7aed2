/**
 * Library micro-benchmarks (npm run bench:libs): message decode+validate (JSON, XML), and signing
 * and verification with native crypto versus node-forge, side by side. One JSON object per line.
 */
import { loadSigningIdentity, signMessage, TrustStore, verifyMessage } from '@skp/crypto';
import {
  createDevCa,
  createIntermediateCa,
  issuePartyCertificate,
  issueRevocationList,
} from '@skp/crypto/dev';
import {
  decode,
  encode,
  KennisgevingBody,
  signingInput,
  SkpMessage,
  UnsignedMessage,
  validateMessage,
} from '@skp/messages';
import { randomUUID } from 'node:crypto';
import * as forge from 'node-forge';

const BENCH_MS = Number(process.env.BENCH_MS ?? 2500);

function bench(name: string, run: () => unknown, extra: Record<string, unknown> = {}): number {
  for (let i = 0; i < 20; i++) {
    run(); // warm-up (and fills caches, as in steady state)
  }
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(BENCH_MS) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 10; i++) {
      run();
    }
    n += 10;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const opsPerSec = Math.round(n / seconds);
  process.stdout.write(JSON.stringify({ bench: name, opsPerSec, n, ...extra }) + '\n');
  return opsPerSec;
}

function kennisgeving(sender: string): UnsignedMessage<'Kennisgeving'> {
  const messageId = randomUUID();
  const body: KennisgevingBody = {
    variant: 'PUBLIC',
    debtor: {
      bsn: '111222333',
      initials: 'J.',
      givenNames: 'Jan',
      surname: 'Jansen',
      birthDate: '1980-05-17',
      address: {
        street: 'Oudegracht',
        houseNumber: 12,
        houseLetter: 'A',
        postcode: '3511AB',
        city: 'Utrecht',
      },
    },
    municipality: { code: '0344', name: 'Utrecht' },
    counsellor: {
      organisation: 'Gemeente Utrecht',
      name: 'Schuldhulp Desk',
      email: 'schuldhulp@utrecht.example',
    },
    caseReference: 'SHV-2025-000123',
    creditorCustomerNumber: 'K-998877',
    invoiceNumbers: ['F-1001', 'F-1002'],
    admissionDate: '2025-11-03',
    signal: 4,
    pause: { start: '2025-11-03', end: '2026-03-03' },
  };
  return {
    header: {
      messageId,
      type: 'Kennisgeving',
      schemaVersion: '1.0',
      sender,
      recipient: '00000099100000000002',
      conversationId: messageId,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    body,
  };
}

// --- set-up: one dev CA and one RSA-2048 party, as in the demo
const ca = createDevCa();
const issued = issuePartyCertificate(ca, { oin: '00000001002220647000', name: 'Gemeente Utrecht' });
const identity = loadSigningIdentity({ certPem: issued.chainPem.join(''), keyPem: issued.keyPem });
const trust = new TrustStore([ca.certPem]);
const unsigned = kennisgeving(identity.oin);
const signed = signMessage(unsigned, identity);
const json = Buffer.from(encode(signed, 'json'));
const xml = Buffer.from(encode(signed, 'xml'));
if (!verifyMessage(decode(xml, 'xml'), trust).ok) {
  throw new Error('bench set-up: the XML round trip does not verify');
}

// --- PKIoverheid shape: root anchor, party certificate from a sub-CA, CRLs of both CAs in force
const subCa = createIntermediateCa(ca, { commonName: 'Schuldenknooppunt Dev Sub-CA' });
const subCaIssued = issuePartyCertificate(subCa, { oin: '00000001002220647000', name: 'Gemeente Utrecht' });
const subCaIdentity = loadSigningIdentity({
  certPem: subCaIssued.chainPem.join(''),
  keyPem: subCaIssued.keyPem,
});
const subCaTrust = new TrustStore([ca.certPem], [issueRevocationList(ca), issueRevocationList(subCa)]);
const subCaSigned = signMessage(kennisgeving(subCaIdentity.oin), subCaIdentity);
if (!verifyMessage(subCaSigned, subCaTrust).ok || subCaTrust.health().warnings.length > 0) {
  throw new Error('bench set-up: the sub-CA chain does not verify');
}

// --- node-forge equivalents of the same JWS operations
const forgeKey = forge.pki.privateKeyFromPem(
  identity.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
);
const forgeCaStore = forge.pki.createCaStore([ca.certPem]);
const [encodedHeader, , encodedSignature] = signed.signature.split('.');

function forgeSign(message: UnsignedMessage): string {
  const input = `${encodedHeader}.${Buffer.from(signingInput(message)).toString('base64url')}`;
  const md = forge.md.sha256.create();
  md.update(input, 'utf8');
  return Buffer.from(forgeKey.sign(md), 'binary').toString('base64url');
}

const forgeLeafKey = forge.pki.certificateFromPem(issued.certPem).publicKey as forge.pki.rsa.PublicKey;
function forgeVerifySignatureOnly(message: SkpMessage): boolean {
  const md = forge.md.sha256.create();
  md.update(`${encodedHeader}.${Buffer.from(signingInput(message)).toString('base64url')}`, 'utf8');
  return forgeLeafKey.verify(
    md.digest().bytes(),
    Buffer.from(encodedSignature, 'base64url').toString('binary'),
  );
}

/** What a node-forge hub would do per message: parse x5c, validate the chain, check the signature. */
function forgeVerify(message: SkpMessage): boolean {
  const header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString()) as { x5c: string[] };
  const chain = header.x5c.map((b64) =>
    forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(b64, 'base64').toString('binary'))),
  );
  forge.pki.verifyCertificateChain(forgeCaStore, chain);
  const md = forge.md.sha256.create();
  md.update(`${encodedHeader}.${Buffer.from(signingInput(message)).toString('base64url')}`, 'utf8');
  const publicKey = chain[0].publicKey as forge.pki.rsa.PublicKey;
  return publicKey.verify(md.digest().bytes(), Buffer.from(encodedSignature, 'base64url').toString('binary'));
}

if (forgeSign(unsigned) !== encodedSignature || !forgeVerify(signed)) {
  throw new Error('bench set-up: node-forge and native crypto disagree');
}

const deepJson = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const deepXml = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
function refused(text: string, encoding: 'json' | 'xml'): void {
  try {
    decode(text, encoding);
  } catch {
    return;
  }
  throw new Error('bench: hostile input was decoded');
}

const results = {
  decodeJson: bench('decode+validate JSON', () => decode(json, 'json'), { bytes: json.length }),
  decodeXml: bench('decode+validate XML', () => decode(xml, 'xml'), { bytes: xml.length }),
  validateOnly: bench('validate a parsed message (schema rules only)', () => validateMessage(signed)),
  // hostile input must be refused at least as fast as a good message is read (no quadratic paths)
  refuseDeepJson: bench('refuse JSON nested 10,000 deep', () => refused(deepJson, 'json'), {
    bytes: deepJson.length,
  }),
  refuseDeepXml: bench('refuse XML nested 10,000 deep', () => refused(deepXml, 'xml'), {
    bytes: deepXml.length,
  }),
  signNative: bench('sign RS256 native', () => signMessage(unsigned, identity)),
  signForge: bench('sign RS256 node-forge', () => forgeSign(unsigned)),
  verifyNative: bench('verify RS256 native (chain cache)', () => verifyMessage(signed, trust)),
  verifyNativeSubCa: bench('verify RS256 native (sub-CA chain + CRLs, chain cache)', () =>
    verifyMessage(subCaSigned, subCaTrust),
  ),
  verifyForge: bench('verify RS256 node-forge (chain + signature)', () => forgeVerify(signed)),
  verifyForgeSignatureOnly: bench('verify RS256 node-forge (signature only, key cached)', () =>
    forgeVerifySignatureOnly(signed),
  ),
};
const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
process.stdout.write(
  JSON.stringify({
    bench: 'ratios',
    signNativeOverForge: ratio(results.signNative, results.signForge),
    verifyNativeOverForge: ratio(results.verifyNative, results.verifyForge),
    verifyNativeOverForgeSignatureOnly: ratio(results.verifyNative, results.verifyForgeSignatureOnly),
    decodeJsonOverXml: ratio(results.decodeJson, results.decodeXml),
    refuseDeepXmlOverDecodeXml: ratio(results.refuseDeepXml, results.decodeXml),
    node: process.version,
  }) + '\n',
);
