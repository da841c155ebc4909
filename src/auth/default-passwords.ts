/**
 * Passwords that appear in Wiredesk's own docs and examples, or top every leaked-password list. A production
 * start refuses them for the first admin: whoever read the README could otherwise log in.
 */
const KNOWN_DEFAULT_PASSWORDS = new Set([
  'a long passphrase',
  'choose-a-long-one',
  'changemechangeme',
  'change-me-please',
  'correct horse battery staple',
  'adminadminadmin',
  'administrator',
  'admin@wiredesk',
  'wiredesk-admin',
  'wiredeskadmin',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  '123456789012',
  'qwertyuiopasdf',
]);

export function isKnownDefaultPassword(password: string): boolean {
  return KNOWN_DEFAULT_PASSWORDS.has(password.trim().toLowerCase());
}
