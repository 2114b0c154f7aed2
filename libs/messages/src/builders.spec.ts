import { buildHeader, buildReplyHeader, newMessageId, nowRfc3339 } from './builders';
import { isRfc3339Utc } from './domain/dates';

const SENDER = '00000001002220647000';
const RECIPIENT = '00000003123456780000';

describe('builders', () => {
  it('newMessageId gives fresh lowercase UUIDs', () => {
    const [a, b] = [newMessageId(), newMessageId()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
  it('nowRfc3339 is UTC with milliseconds', () => {
    expect(nowRfc3339()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(isRfc3339Utc(nowRfc3339())).toBe(true);
    expect(nowRfc3339(new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 5)))).toBe('2026-03-01T10:00:00.005Z');
  });
  it('a Kennisgeving header opens its own conversation', () => {
    const header = buildHeader({ type: 'Kennisgeving', sender: SENDER, recipient: RECIPIENT });
    expect(header).toEqual({
      messageId: header.messageId,
      type: 'Kennisgeving',
      schemaVersion: '1.0',
      sender: SENDER,
      recipient: RECIPIENT,
      conversationId: header.messageId,
      createdAt: header.createdAt,
    });
    expect('inReplyTo' in header).toBe(false);
  });
  it('a reply keeps the conversation and its inReplyTo', () => {
    const conversationId = newMessageId();
    const header = buildHeader({
      type: 'PauseAcknowledgement',
      sender: RECIPIENT,
      recipient: SENDER,
      conversationId,
      inReplyTo: conversationId,
    });
    expect(header.conversationId).toBe(conversationId);
    expect(header.inReplyTo).toBe(conversationId);
    expect(header.messageId).not.toBe(conversationId);
  });
  it('a reply without conversationId is a programming error', () => {
    expect(() => buildHeader({ type: 'ProgressUpdate', sender: SENDER, recipient: RECIPIENT })).toThrow(
      TypeError,
    );
  });
  it('a reply header goes back to the sender of the request, in its conversation', () => {
    const request = buildHeader({ type: 'HelpRequest', sender: '00000099000000000001', recipient: SENDER });
    expect(request.conversationId).toBe(request.messageId);
    const reply = buildReplyHeader('HelpRequestAcknowledgement', request, '2027-01-12T10:05:00Z');
    expect(reply).toEqual({
      messageId: reply.messageId,
      type: 'HelpRequestAcknowledgement',
      schemaVersion: '1.0',
      sender: SENDER,
      recipient: '00000099000000000001',
      conversationId: request.messageId,
      inReplyTo: request.messageId,
      createdAt: '2027-01-12T10:05:00Z',
    });
    expect(reply.messageId).not.toBe(request.messageId);
  });
});
