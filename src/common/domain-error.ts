/**
 * Base for every domain's error type. Each domain declares its own subclass with a code enum; the
 * global problem filter maps `status` and `code` to RFC 9457 problem JSON, so services never import HTTP.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly domain: string;

  protected constructor(
    readonly code: Code,
    message: string,
    /** HTTP status the API answers with. */
    readonly status: number,
    /** Extra members added to the problem document (e.g. the current version on a conflict). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
