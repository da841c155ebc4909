import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { DomainError } from '../common/domain-error';
import { PanelError, PanelErrorCode } from './panel-error';

/**
 * The panel's input checked with the API's own DTOs (same lengths, URL rules, scopes, events), whitelisted
 * as the API's ValidationPipe does, so both doors accept exactly the same things and say the same about the rest.
 */
export async function validInput<T extends object>(dto: new () => T, input: object, invalid: (message: string) => DomainError = invalidInput): Promise<T> {
  const instance = plainToInstance(dto, input);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw invalid(errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; '));
  return instance;
}

export const invalidInput = (message: string) => new PanelError(PanelErrorCode.InvalidInput, message);

/**
 * An AdminJS form's fields as the DTO's types: the named fields only (others stay out, as the form sends the
 * whole record), numbers from their text, and an empty field as `null` where the field can be cleared, else left out.
 */
export function formFields(
  payload: Record<string, unknown> | undefined,
  fields: { text?: readonly string[]; numbers?: readonly string[]; clearable?: readonly string[] },
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of [...(fields.text ?? []), ...(fields.numbers ?? [])]) {
    if (payload === undefined || !(field in payload)) continue;
    const value = payload[field];
    if (value === '' || value === null) {
      if (fields.clearable?.includes(field)) picked[field] = null;
      continue;
    }
    picked[field] = fields.numbers?.includes(field) && typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  }
  return picked;
}
