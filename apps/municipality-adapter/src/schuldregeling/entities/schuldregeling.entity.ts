import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { StoredDossierState } from '../schuldregeling-state';

/** Postgres bigint as a JavaScript number (cents stay far below 2^53). */
export const CENTS = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One debt arrangement case (dossier): the proposal terms once proposed. No personal data. */
@Entity({ name: 'schuldregeling' })
export class SchuldregelingDossier {
  @PrimaryColumn({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ type: 'boolean' })
  collective!: boolean;

  @Column({ type: 'text' })
  state!: StoredDossierState;

  @Column({ name: 'arrangement_type', type: 'text', nullable: true })
  arrangementType!: string | null;

  @Column({ name: 'payout_percentage', type: 'text', nullable: true })
  payoutPercentage!: string | null;

  @Column({ name: 'total_debt_cents', type: 'bigint', nullable: true, transformer: CENTS })
  totalDebtCents!: number | null;

  @Column({ name: 'available_cents', type: 'bigint', nullable: true, transformer: CENTS })
  availableCents!: number | null;

  @Column({ name: 'term_months', type: 'int', nullable: true })
  termMonths!: number | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
