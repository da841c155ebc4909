import { loadAdminComponents } from './admin-components';
import { pointAdminJsAtBundle } from './admin-paths';

/**
 * `npm run build` runs this after compiling (scripts/build.js): it bundles the panel's React components into
 * admin-bundle/bundle.js, so the app never bundles at start-up (it runs with ADMIN_JS_SKIP_BUNDLE).
 * AdminJS bundles (minified) only when it believes it is in production, hence NODE_ENV here.
 */
async function main(): Promise<void> {
  process.env.NODE_ENV = 'production';
  delete process.env.ADMIN_JS_SKIP_BUNDLE;
  pointAdminJsAtBundle();
  const { default: AdminJS } = await import('adminjs');
  const { loader } = await loadAdminComponents();
  const admin = new AdminJS({ rootPath: '/admin', componentLoader: loader });
  await admin.initialize();
  console.log(`admin panel bundle written to ${process.env.ADMIN_JS_TMP_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
