import { mayHaveSession, SESSION_COOKIE_NAME } from './session.service';

describe('mayHaveSession', () => {
  it('is true for requests carrying the session cookie, wherever it sits in the header', () => {
    expect(mayHaveSession(`${SESSION_COOKIE_NAME}=s%3Aabc.def`, '/api/articles')).toBe(true);
    expect(mayHaveSession(`theme=dark; ${SESSION_COOKIE_NAME}=s%3Aabc.def; consent=yes`, '/api/imports')).toBe(true);
  });

  it('is true for the panel, which logs in without a cookie', () => {
    expect(mayHaveSession(undefined, '/admin')).toBe(true);
    expect(mayHaveSession(undefined, '/admin/login')).toBe(true);
  });

  it('is false for other requests, including look-alike cookies and paths', () => {
    expect(mayHaveSession(undefined, '/api/articles/some-story')).toBe(false);
    expect(mayHaveSession('theme=dark; consent=yes', '/api/articles')).toBe(false);
    expect(mayHaveSession('old-wiredesk.sid=1; wiredeskXsid=2', '/api/articles')).toBe(false);
    expect(mayHaveSession(undefined, '/administrators')).toBe(false);
  });
});
