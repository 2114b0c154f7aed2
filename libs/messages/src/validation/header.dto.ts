import { MESSAGE_TYPES, SCHEMA_VERSION } from '../types';
import { OneOf, Oin, Optional, Required, rule, Rfc3339Utc, Uuid } from './rules';

/** Header rules shared by all types; type-specific header rules live in cross-field-rules.ts. */
export class HeaderDto {
  @Required() @Uuid() messageId!: string;
  @Required() @OneOf(MESSAGE_TYPES) type!: string;
  @Required() @rule('schema-version', (v) => v === SCHEMA_VERSION) schemaVersion!: string;
  @Required() @Oin() sender!: string;
  @Required() @Oin() recipient!: string;
  @Required() @Uuid() conversationId!: string;
  @Optional() @Uuid() inReplyTo?: string;
  @Required() @Rfc3339Utc() createdAt!: string;
}
