import { deleteWithoutWaitingForFsync } from './publish-after-commit';

describe('deleteWithoutWaitingForFsync', () => {
  it('inlines the outbox ids into one simple-protocol query', () => {
    expect(deleteWithoutWaitingForFsync(['7', '12'])).toBe(
      `SET LOCAL synchronous_commit = off; DELETE FROM "outbox" WHERE "id" = ANY('{7,12}'::bigint[])`,
    );
  });

  it.each([["1}'::bigint[]); DROP TABLE outbox; --"], ['-1'], ['1.5'], ['']])(
    'refuses an id that is not digits only: %p',
    (id) => {
      expect(() => deleteWithoutWaitingForFsync(['3', id])).toThrow('outbox ids are integers');
    },
  );
});
