import { ApiProperty } from '@nestjs/swagger';
import type { HelpRequestOverviewRow, MunicipalityHelpRequestRow } from '../pauzeknop.repository';

export class PauzeknopMunicipalityView {
  @ApiProperty() oin!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) gemeentecodes!: string[];
}

export class ChallengeView {
  @ApiProperty() challenge!: string;
  @ApiProperty({ description: 'leading zero bits of SHA-256(`<challenge>:<nonce>`)' }) bits!: number;
  @ApiProperty() expiresAt!: string;
}

export class HelpRequestReceiptView {
  @ApiProperty({ example: 'PK-7KQ2-M9XD' }) reference!: string;
  @ApiProperty() municipality!: { oin: string; name: string };
  @ApiProperty({ example: '2027-01-08' }) contactDueBy!: string;
  @ApiProperty({ type: [String] }) nextSteps!: string[];
}

/** One HelpRequest as the console shows it: metadata only, never who the resident is. */
export function toHelpRequestView(row: HelpRequestOverviewRow, names: Map<string, string>) {
  return {
    messageId: row.message_id,
    reference: row.reference,
    municipality: row.recipient,
    municipalityName: names.get(row.recipient) ?? null,
    sentAt: row.received_at.toISOString(),
    dueBy: row.deadline_at?.toISOString() ?? null,
    state: row.state,
    conversationState: row.conversation_state,
    overdue: row.state === 'OVERDUE',
  };
}

export function toMunicipalityCountsView(row: MunicipalityHelpRequestRow, names: Map<string, string>) {
  return {
    municipality: row.recipient,
    name: names.get(row.recipient) ?? null,
    total: row.total,
    open: row.open,
    overdue: row.overdue,
  };
}
