import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PARTY_KINDS = ['MUNICIPALITY', 'CREDITOR'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

@Entity({ name: 'party' })
export class Party {
  @PrimaryColumn({ type: 'text' })
  oin!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: PartyKind;

  @Column({ name: 'bsn_allowed', type: 'boolean' })
  bsnAllowed!: boolean;

  @Column({ type: 'text' })
  status!: PartyStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** the CBS gemeentecodes a municipality serves, by which the Pauzeknop page finds it (DESIGN §11) */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  gemeentecodes!: string[];

  /** `<AMQP_PREFIX>-<OIN>`; null for a party registered before broker accounts existed */
  @Column({ name: 'broker_username', type: 'text', nullable: true })
  brokerUsername?: string | null;

  /** when the current broker password was issued (the password itself is never stored) */
  @Column({ name: 'broker_credentials_issued_at', type: 'timestamptz', nullable: true })
  brokerCredentialsIssuedAt?: Date | null;
}

/** A signing certificate registered for a party; several at once allow rotation without downtime. */
@Entity({ name: 'party_certificate' })
export class PartyCertificate {
  @PrimaryColumn({ type: 'text' })
  sha256!: string;

  @Column({ name: 'party_oin', type: 'text' })
  partyOin!: string;

  @Column({ type: 'text' })
  pem!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
