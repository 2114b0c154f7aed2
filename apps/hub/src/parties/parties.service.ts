import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { describeCertificate, SIGNING_KEY_USAGE_RULE } from '@skp/crypto';
import { explainOin } from '@skp/messages';
import { badField, BrokerCredentials } from '@skp/platform';
import { TopologyService } from '../topology/topology.service';
import { BrokerAccountsService } from './broker-accounts.service';
import { PartiesRepository } from './parties.repository';
import { Party, PartyCertificate, PartyKind, PartyStatus } from './party.entity';

export interface RegisterPartyCommand {
  oin: string;
  name: string;
  kind: PartyKind;
  bsnAllowed: boolean;
  certificatePem: string;
  gemeentecodes?: string[];
}

/** What the inbound pipeline needs to know of a party, kept in memory between refreshes. */
export interface PartySnapshot {
  party: Party;
  certificateFingerprints: Set<string>;
}

/** How long a registry snapshot is trusted; another hub's change is seen within this time. */
const SNAPSHOT_TTL_MS = 2000;

@Injectable()
export class PartiesService {
  private snapshot?: { at: number; parties: Map<string, PartySnapshot> };

  constructor(
    private readonly parties: PartiesRepository,
    private readonly topology: TopologyService,
    private readonly brokerAccounts: BrokerAccountsService,
  ) {}

  async listWithCertificates(): Promise<{ party: Party; certificates: PartyCertificate[] }[]> {
    const [parties, certificates] = await Promise.all([
      this.parties.findAll(),
      this.parties.findAllCertificates(),
    ]);
    return parties.map((party) => ({
      party,
      certificates: certificates.filter((c) => c.partyOin === party.oin),
    }));
  }

  /** Active parties, by name: the public directory. */
  async activeParties(): Promise<Party[]> {
    return (await this.parties.findAll()).filter((party) => party.status === 'ACTIVE');
  }

  async get(oin: string): Promise<{ party: Party; certificates: PartyCertificate[] }> {
    const party = await this.parties.findOne(oin);
    if (!party) {
      throw new NotFoundException({ statusCode: 404, message: `party ${oin} is not registered` });
    }
    return { party, certificates: await this.parties.findCertificates(oin) };
  }

  /**
   * Registers the party with its queue and its own broker account, all or nothing: the broker
   * work runs inside the database transaction, so when the management API fails (503/502) the
   * party is not registered and the same request can simply be sent again (every broker step is
   * idempotent; a retry replaces the password of an account a failed attempt left behind).
   */
  async register(command: RegisterPartyCommand): Promise<{ party: Party; broker: BrokerCredentials }> {
    const oinProblem = explainOin(command.oin);
    if (oinProblem) {
      throw badField('oin', 'oin', `oin: ${oinProblem}`);
    }
    if (await this.parties.findOne(command.oin)) {
      throw new ConflictException({
        statusCode: 409,
        field: 'oin',
        message: `party ${command.oin} is already registered`,
      });
    }
    if (command.kind === 'MUNICIPALITY' && command.bsnAllowed) {
      // A municipality receives answers only; the flag is about creditors seeing the BSN.
      command.bsnAllowed = false;
    }
    const gemeentecodes = gemeentecodesOf(command.kind, command.gemeentecodes);
    const now = new Date();
    const party: Party = {
      ...command,
      gemeentecodes,
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
      brokerUsername: this.brokerAccounts.usernameFor(command.oin),
      brokerCredentialsIssuedAt: now,
    };
    const certificate = this.toCertificate(command.oin, command.certificatePem, now);
    let broker: BrokerCredentials | undefined;
    await this.parties.insertWithCertificate(party, certificate, async () => {
      await this.topology.declareParty(command.oin);
      broker = await this.brokerAccounts.issue(command.oin, true);
    });
    this.invalidate();
    return { party, broker: broker as BrokerCredentials };
  }

  /**
   * A new password for the party's broker account (created when missing, e.g. for a party
   * registered before accounts existed); connections with the old one are closed.
   */
  async issueBrokerCredentials(oin: string): Promise<BrokerCredentials> {
    const { party } = await this.get(oin);
    let broker: BrokerCredentials | undefined;
    await this.parties.update(
      oin,
      { brokerUsername: this.brokerAccounts.usernameFor(oin), brokerCredentialsIssuedAt: new Date() },
      async () => {
        broker = await this.brokerAccounts.issue(oin, party.status === 'ACTIVE');
      },
    );
    return broker as BrokerCredentials;
  }

  /**
   * Removes a signing certificate: messages signed with it are refused from then on
   * (CERTIFICATE_UNTRUSTED). An ACTIVE party keeps at least one: suspend it first to remove its
   * last, so an active party is never left unable to send.
   */
  async removeCertificate(oin: string, sha256: string): Promise<void> {
    const { party, certificates } = await this.get(oin);
    const fingerprint = sha256.toLowerCase();
    if (!certificates.some((c) => c.sha256 === fingerprint)) {
      throw new NotFoundException({
        statusCode: 404,
        field: 'sha256',
        message: `party ${oin} has no certificate with sha256 ${fingerprint}`,
      });
    }
    if (certificates.length === 1 && party.status === 'ACTIVE') {
      throw new ConflictException({
        statusCode: 409,
        field: 'sha256',
        message:
          'this is the last certificate of an ACTIVE party: add its successor or suspend the party first',
      });
    }
    await this.parties.deleteCertificate(oin, fingerprint);
    this.invalidate();
  }

  async addCertificate(oin: string, pem: string): Promise<PartyCertificate> {
    await this.get(oin);
    const certificate = this.toCertificate(oin, pem, new Date());
    const known = await this.parties.findCertificates(oin);
    if (known.some((c) => c.sha256 === certificate.sha256)) {
      throw new ConflictException({
        statusCode: 409,
        field: 'certificatePem',
        message: 'this certificate is already registered',
      });
    }
    await this.parties.insertCertificate(certificate);
    this.invalidate();
    return certificate;
  }

  async update(
    oin: string,
    changes: { name?: string; status?: PartyStatus; bsnAllowed?: boolean; gemeentecodes?: string[] },
  ): Promise<Party> {
    const { party } = await this.get(oin);
    if (changes.gemeentecodes !== undefined) {
      changes.gemeentecodes = gemeentecodesOf(party.kind, changes.gemeentecodes);
    }
    // Suspension closes the party's broker connections and blocks its account; activation restores
    // it (a party without an account yet gets one from POST /api/parties/:oin/broker-credentials).
    await this.parties.update(oin, changes, async () => {
      if (changes.status === 'SUSPENDED') {
        await this.brokerAccounts.block(oin);
      } else if (changes.status === 'ACTIVE' && party.brokerUsername) {
        await this.brokerAccounts.unblock(oin);
      }
    });
    this.invalidate();
    return (await this.get(oin)).party;
  }

  /** Re-declares every party's queue and binding (start-up after a broker reset). */
  async declareAllQueues(): Promise<void> {
    for (const party of await this.parties.findAll()) {
      await this.topology.declareParty(party.oin);
    }
  }

  async registrySnapshot(): Promise<Map<string, PartySnapshot>> {
    if (this.snapshot && Date.now() - this.snapshot.at < SNAPSHOT_TTL_MS) {
      return this.snapshot.parties;
    }
    const [parties, certificates] = await Promise.all([
      this.parties.findAll(),
      this.parties.findAllCertificates(),
    ]);
    const map = new Map<string, PartySnapshot>(
      parties.map((party) => [party.oin, { party, certificateFingerprints: new Set() }]),
    );
    for (const certificate of certificates) {
      map.get(certificate.partyOin)?.certificateFingerprints.add(certificate.sha256);
    }
    this.snapshot = { at: Date.now(), parties: map };
    return map;
  }

  private invalidate(): void {
    this.snapshot = undefined;
  }

  private toCertificate(oin: string, pem: string, now: Date): PartyCertificate {
    let described: ReturnType<typeof describeCertificate>;
    try {
      described = describeCertificate(pem);
    } catch {
      throw badField('certificatePem', 'pem-certificate', 'certificatePem: not a PEM X.509 certificate');
    }
    if (described.oin !== oin) {
      throw badField(
        'certificatePem',
        'subject-oin',
        `certificatePem: subject serialNumber ${described.oin ?? '(none)'} is not the party's OIN ${oin}`,
      );
    }
    if (!described.signing) {
      throw badField(
        'certificatePem',
        'signing-certificate',
        `certificatePem: not a signing certificate (${SIGNING_KEY_USAGE_RULE})`,
      );
    }
    return {
      sha256: described.sha256,
      partyOin: oin,
      pem: pem.trim(),
      subject: described.subject,
      notBefore: described.notBefore,
      notAfter: described.notAfter,
      addedAt: now,
    };
  }
}

/** Only a municipality serves gemeentecodes; each once, in order. */
function gemeentecodesOf(kind: PartyKind, codes: string[] | undefined): string[] {
  if (codes && codes.length > 0 && kind !== 'MUNICIPALITY') {
    throw badField(
      'gemeentecodes',
      'municipality-only',
      'gemeentecodes: only a MUNICIPALITY serves gemeentecodes',
    );
  }
  return [...new Set(codes ?? [])].sort();
}
