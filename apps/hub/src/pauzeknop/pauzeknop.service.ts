import { Inject, Injectable } from '@nestjs/common';
import { SIGNING_IDENTITY, SigningIdentity } from '@skp/crypto';
import { badField, badRequest, FieldViolation } from '@skp/platform';
import { hkdfSync } from 'node:crypto';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';
import { PartiesService } from '../parties/parties.service';
import type { Party } from '../parties/party.entity';
import type { HelpRequestFormDto } from './dto/help-request-form.dto';
import { formViolationsOf, helpRequestBodyOf, helpRequestMessage } from './help-request-body';
import { HelpRequestSender } from './help-request-sender.service';
import { PauzeknopRepository } from './pauzeknop.repository';
import { Challenge, issueChallenge, verifySolution } from './proof-of-work';

/** How long the browser has to solve a challenge and send the form. */
export const CHALLENGE_TTL_MS = 30 * 60_000;

export interface PauzeknopMunicipality {
  oin: string;
  name: string;
  gemeentecodes: string[];
}

export interface HelpRequestReceipt {
  reference: string;
  municipality: { oin: string; name: string };
  /** the last day the municipality should contact the resident (Dutch calendar date) */
  contactDueBy: string;
  nextSteps: string[];
}

const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/**
 * The public side of the Pauzeknop (DESIGN §11): which municipalities a resident can choose, the
 * proof-of-work challenge, and a resident's request turned into a hub-signed HelpRequest.
 */
@Injectable()
export class PauzeknopService {
  /** the challenges' HMAC key, derived from the hub's signing key: the same in every hub instance */
  private readonly challengeKey: Buffer;

  constructor(
    @Inject(SIGNING_IDENTITY) identity: SigningIdentity,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    private readonly parties: PartiesService,
    private readonly repository: PauzeknopRepository,
    private readonly sender: HelpRequestSender,
  ) {
    const der = identity.privateKey.export({ format: 'der', type: 'pkcs8' });
    this.challengeKey = Buffer.from(hkdfSync('sha256', der, 'skp', 'pauzeknop proof-of-work', 32));
  }

  async municipalities(): Promise<PauzeknopMunicipality[]> {
    return (await this.activeMunicipalities())
      .map((p) => ({ oin: p.oin, name: p.name, gemeentecodes: p.gemeentecodes ?? [] }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  challenge(now = new Date()): Challenge {
    return issueChallenge(this.challengeKey, this.env.HUB_PAUZEKNOP_POW_BITS, now, CHALLENGE_TTL_MS);
  }

  async submit(form: HelpRequestFormDto, now = new Date()): Promise<HelpRequestReceipt> {
    const municipality = (await this.activeMunicipalities()).find((p) => p.oin === form.municipality);
    const message = helpRequestMessage(helpRequestBodyOf(form, now), this.sender.hubOin, form.municipality);
    const violations: FieldViolation[] = formViolationsOf(message);
    if (!municipality) {
      violations.unshift({
        field: 'municipality',
        rule: 'municipality',
        message: 'municipality is not a municipality connected to the hub',
      });
    }
    const pow = verifySolution(this.challengeKey, form.challenge, form.nonce, now);
    if (!pow.ok) {
      violations.push({ field: 'nonce', rule: pow.rule, message: `nonce: ${pow.message}` });
    }
    if (violations.length > 0 || !pow.ok || !municipality) {
      throw badRequest(violations);
    }
    if (!(await this.repository.useChallenge(pow.facts.id, pow.facts.expiresAt, now))) {
      throw badField('nonce', 'pow-used', 'nonce: this challenge was used already; ask for a new one');
    }
    const sent = await this.sender.send(message, now);
    return {
      reference: sent.reference,
      municipality: { oin: municipality.oin, name: municipality.name },
      contactDueBy: DUTCH_DATE.format(sent.contactDueBy),
      nextSteps: [
        `${municipality.name} heeft uw aanvraag nu ontvangen.`,
        `De gemeente neemt uiterlijk ${DUTCH_DATE.format(sent.contactDueBy)} contact met u op, per telefoon of e-mail.`,
        'Samen kijkt u wat er nodig is. Schuldeisers kunnen dan een pauze krijgen.',
        'Bewaar uw referentienummer. Noem het als u de gemeente belt.',
      ],
    };
  }

  private async activeMunicipalities(): Promise<Party[]> {
    return (await this.parties.activeParties()).filter((p) => p.kind === 'MUNICIPALITY');
  }
}
