import { auditActionName, auditTargetOf } from './portal-audit-action';

describe('portal audit action naming', () => {
  it('names an action by method and route pattern, never by the raw path', () => {
    expect(auditActionName('post', '/kennisgevingen/:caseReference/progress')).toBe(
      'POST /kennisgevingen/:caseReference/progress',
    );
    expect(auditActionName('DELETE', 'pauses/:id/')).toBe('DELETE /pauses/:id');
    expect(auditActionName('POST', '/')).toBe('POST /');
  });

  it("takes the route's first parameter as the target, and nothing else", () => {
    expect(auditTargetOf({ caseReference: 'CASE-1', other: 'x' })).toBe('CASE-1');
    expect(auditTargetOf({})).toBeNull();
    expect(auditTargetOf(undefined)).toBeNull();
  });
});
