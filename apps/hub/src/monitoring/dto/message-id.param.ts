import { IsUUID } from 'class-validator';

export class MessageIdParam {
  @IsUUID('all', { message: 'id must be a messageId (UUID)' })
  id!: string;
}
