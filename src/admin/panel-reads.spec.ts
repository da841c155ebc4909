import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function sourcesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.(ts|jsx?)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The panel gets no DataSource: its queries are the services' (the API's), and the AdminJS adapter reads each
 * table through the repository its owning module exports. SQL, query builders or a DataSource in src/admin
 * would be a second, unchecked way into the tables.
 */
describe('the panel reads through the services', () => {
  it.each(sourcesUnder(__dirname).map((path) => [relative(__dirname, path), path]))('%s uses no DataSource, SQL or query builder', (_name, path) => {
    const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bDataSource\b|InjectDataSource|\.query\(|createQueryBuilder|getRepository\(\w/);
  });
});
