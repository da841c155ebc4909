import { BadRequestException, NotFoundException, PipeTransform } from '@nestjs/common';

/** Ids are PostgreSQL `integer`s: nothing stored has one above this. */
export const MAX_ID = 2_147_483_647;

/**
 * A numeric path id. Anything but a whole number is a malformed request (400); a number no row can have
 * (below 1, or beyond the `integer` range) is simply not found (404), like an id that was never used,
 * instead of reaching the database and failing there. The global ValidationPipe may already have turned
 * the text into a number (NaN for words).
 */
export class IdParamPipe implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    const id = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id)) throw new BadRequestException('the id in the path must be a whole number');
    if (id < 1 || id > MAX_ID) throw new NotFoundException(`nothing has the id ${id}`);
    return id;
  }
}
