import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ClaimKind } from '@skp/messages';
import type { ClaimRow } from './claims-csv';

/** bigint cents as numbers: amounts stay far below 2^53 (15 digits at most, see claims-csv). */
const cents = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};

/** An open claim of this creditor, keyed by its own reference; what a BalanceStatement is made of. */
@Entity({ name: 'claim' })
export class ClaimRecord implements ClaimRow {
  @PrimaryColumn({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  kind!: ClaimKind;

  @Column({ name: 'original_amount_cents', type: 'bigint', transformer: cents })
  originalAmountCents!: number;

  @Column({ name: 'outstanding_amount_cents', type: 'bigint', transformer: cents })
  outstandingAmountCents!: number;

  @Column({ name: 'customer_number', type: 'text', nullable: true })
  customerNumber!: string | null;

  /** only kept when CREDITOR_BSN_ALLOWED (the import refuses it otherwise) */
  @Column({ type: 'text', nullable: true })
  bsn!: string | null;

  @Column({ name: 'surname_key', type: 'text', nullable: true })
  surnameKey!: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'text', nullable: true })
  postcode!: string | null;

  @Column({ type: 'date', nullable: true })
  since!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
