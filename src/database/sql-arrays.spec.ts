import { intArrayParam } from './sql-arrays';

describe('intArrayParam', () => {
  it('writes integers in PostgreSQL array text form', () => {
    expect(intArrayParam([1, -2, 2147483647, -2147483648])).toBe('{1,-2,2147483647,-2147483648}');
    expect(intArrayParam(Int32Array.of(7, 0, -7))).toBe('{7,0,-7}');
    expect(intArrayParam([])).toBe('{}');
  });
});
