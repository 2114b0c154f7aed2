import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PauseRecord } from './pause-rules';

/** A row of the pause register: the pause one Kennisgeving asked for, as it stands now. */
@Entity({ name: 'pause' })
export class Pause implements PauseRecord {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @Column({ name: 'municipality_oin', type: 'text' })
  municipalityOin!: string;

  @Column({ type: 'text', nullable: true })
  bsn!: string | null;

  @Column({ name: 'customer_number', type: 'text', nullable: true })
  customerNumber!: string | null;

  @Column({ name: 'surname_key', type: 'text' })
  surnameKey!: string;

  @Column({ name: 'full_surname_key', type: 'text' })
  fullSurnameKey!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'text' })
  postcode!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'requested_end', type: 'date' })
  requestedEnd!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ name: 'lifted_on', type: 'date', nullable: true })
  liftedOn!: string | null;

  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason!: string | null;

  @Column({ name: 'last_status', type: 'text', nullable: true })
  lastStatus!: string | null;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ type: 'jsonb' })
  municipality!: PauseRecord['municipality'];

  @Column({ type: 'jsonb' })
  counsellor!: PauseRecord['counsellor'];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
