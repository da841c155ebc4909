import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The directory holding package.json, whether running from src/ (ts-node, jest) or dist/src/ (node). */
function findProjectRoot(from: string): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return directory;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

/**
 * AdminJS's ADMIN_JS_TMP_DIR: where the build writes the custom-components bundle. Not a dot-directory,
 * because Express 5 refuses to serve files from those.
 */
export const ADMIN_BUNDLE_DIR = join(PROJECT_ROOT, 'admin-bundle');

/** The React components' sources: bundled at build time, and named by AdminJS's component loader at run time. */
export const ADMIN_COMPONENTS_DIR = join(PROJECT_ROOT, 'src', 'admin', 'components');

/** Must run before `adminjs` is first imported: it reads ADMIN_JS_TMP_DIR once, at import. */
export function pointAdminJsAtBundle(): void {
  process.env.ADMIN_JS_TMP_DIR ??= ADMIN_BUNDLE_DIR;
}

/**
 * Tells AdminJS not to bundle at start-up when the build already did; without a bundle (a build that
 * skipped the step) AdminJS bundles in production as a fallback. Returns whether the bundle was found.
 */
export function useBuiltBundle(): boolean {
  pointAdminJsAtBundle();
  const found = existsSync(join(process.env.ADMIN_JS_TMP_DIR!, 'bundle.js'));
  if (found) process.env.ADMIN_JS_SKIP_BUNDLE ??= 'true';
  return found;
}
