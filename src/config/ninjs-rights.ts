/**
 * NINJS_RIGHTS: who holds the copyright of what Wiredesk sends as ninjs, and on what terms, per agency. A JSON
 * object from agency name (as photos carry it: "AFP", "Reuters") to `{ copyrightHolder, usageTerms }`; the key
 * "*" stands for the desk's own copy: article text, and pictures with no agency.
 */
export interface Rights {
  copyrightHolder?: string;
  usageTerms?: string;
}

/** The key for article text and pictures with no agency. */
export const HOUSE_RIGHTS = '*';
const FIELDS = ['copyrightHolder', 'usageTerms'] as const;
const MAX_LENGTH = 1000;

export class NinjsRights {
  private constructor(private readonly byAgency: ReadonlyMap<string, Rights>) {}

  static readonly NONE = new NinjsRights(new Map());

  /** Parses the variable's value; throws an Error whose message says what is wrong and what is expected. */
  static parse(raw: string | undefined): NinjsRights {
    if (raw === undefined || raw.trim() === '') return NinjsRights.NONE;
    const problem = (detail: string) => new Error(`NINJS_RIGHTS ${detail}; expected a JSON object such as {"*":{"copyrightHolder":"Asharq Al-Awsat"},"AFP":{"copyrightHolder":"AFP","usageTerms":"Editorial use only"}}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw problem('is not valid JSON');
    }
    if (!isObject(parsed)) throw problem('must be a JSON object');
    const byAgency = new Map<string, Rights>();
    for (const [agency, value] of Object.entries(parsed)) {
      const name = agency.trim();
      if (name === '' || name.length > 200) throw problem(`has an agency name that is empty or longer than 200 characters ("${agency.slice(0, 40)}")`);
      if (!isObject(value)) throw problem(`entry "${agency}" must be an object`);
      const unknown = Object.keys(value).filter((key) => !(FIELDS as readonly string[]).includes(key));
      if (unknown.length > 0) throw problem(`entry "${agency}" has unknown field(s) ${unknown.join(', ')} (allowed: ${FIELDS.join(', ')})`);
      const rights: Rights = {};
      for (const field of FIELDS) {
        const text = value[field];
        if (text === undefined) continue;
        if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_LENGTH) throw problem(`entry "${agency}" ${field} must be a non-empty string of at most ${MAX_LENGTH} characters`);
        rights[field] = text.trim();
      }
      if (Object.keys(rights).length === 0) throw problem(`entry "${agency}" names neither copyrightHolder nor usageTerms`);
      const key = name.toLowerCase();
      if (byAgency.has(key)) throw problem(`names agency "${name}" twice (names are compared case-insensitively)`);
      byAgency.set(key, rights);
    }
    return new NinjsRights(byAgency);
  }

  /** Rights for article text: the "*" entry. */
  text(): Rights {
    return this.byAgency.get(HOUSE_RIGHTS) ?? {};
  }

  /**
   * Rights for a picture: its agency's entry (case-insensitive); with no agency, the "*" entry; with an agency
   * that has no entry, that agency as copyright holder (the wire names who supplied the picture).
   */
  picture(agency: string | null): Rights {
    if (agency === null || agency.trim() === '') return this.text();
    return this.byAgency.get(agency.trim().toLowerCase()) ?? { copyrightHolder: agency };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
