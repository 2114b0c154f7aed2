import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { describeCertificate, SIGNING_KEY_USAGE_RULE } from '@skp/crypto';
import { explainOin } from '@skp/messages';
import { TopologyService } from '../topology/topology.service';
import { PartiesRepository } from './parties.repository';
import { Party, PartyCertificate, PartyKind, PartyStatus } from './party.entity';

export interface RegisterPartyCommand {
  oin: string;
  name: string;
  kind: PartyKind;
  bsnAllowed: boolean;
  certificatePem: string;
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

  async get(oin: string): Promise<{ party: Party; certificates: PartyCertificate[] }> {
    const party = await this.parties.findOne(oin);
    if (!party) {
      throw new NotFoundException({ statusCode: 404, message: `party ${oin} is not registered` });
    }
    return { party, certificates: await this.parties.findCertificates(oin) };
  }

  async register(command: RegisterPartyCommand): Promise<Party> {
    const oinProblem = explainOin(command.oin);
    if (oinProblem) {
      throw new BadRequestException({ statusCode: 400, field: 'oin', message: `oin: ${oinProblem}` });
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
    const now = new Date();
    const party: Party = { ...command, status: 'ACTIVE', createdAt: now, updatedAt: now };
    const certificate = this.toCertificate(command.oin, command.certificatePem, now);
    await this.parties.insertWithCertificate(party, certificate);
    await this.topology.declareParty(command.oin);
    this.invalidate();
    return party;
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
    changes: { name?: string; status?: PartyStatus; bsnAllowed?: boolean },
  ): Promise<Party> {
    await this.get(oin);
    await this.parties.update(oin, changes);
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
      throw new BadRequestException({
        statusCode: 400,
        field: 'certificatePem',
        message: 'certificatePem: not a PEM X.509 certificate',
      });
    }
    if (described.oin !== oin) {
      throw new BadRequestException({
        statusCode: 400,
        field: 'certificatePem',
        message: `certificatePem: subject serialNumber ${described.oin ?? '(none)'} is not the party's OIN ${oin}`,
      });
    }
    if (!described.signing) {
      throw new BadRequestException({
        statusCode: 400,
        field: 'certificatePem',
        message: `certificatePem: not a signing certificate (${SIGNING_KEY_USAGE_RULE})`,
      });
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
