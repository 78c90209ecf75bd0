import { returnedRows } from './sql';

describe('returnedRows', () => {
  it('unwraps what TypeORM answers for UPDATE … RETURNING and leaves SELECT/INSERT rows alone', () => {
    expect(returnedRows([[{ id: 'a' }], 1])).toEqual([{ id: 'a' }]);
    expect(returnedRows([[], 0])).toEqual([]);
    expect(returnedRows([{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }]);
  });
});
