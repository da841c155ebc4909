/**
 * An integer array parameter in PostgreSQL's array text form (`{1,2,3}`), for `$n::int[]`. pg turns a JS array into
 * that text element by element (a type check, a conversion and an escape each); the importer's lookups send arrays
 * of 10–30 thousand integers a batch, which that way took about 0.7 s of its thread per 20k articles, time in
 * which the transaction's connection waits. Integers only: anything else would not be a valid `int[]`.
 */
export function intArrayParam(values: readonly number[] | Int32Array): string {
  return `{${values.join(',')}}`;
}
