/**
 * The import boundaries of docs/architecture.md ("Allowed and forbidden imports"), checked by `npm run lint`.
 * A folder under src/ belongs to exactly one layer; test/architecture.spec.ts checks that the module map in
 * the document and the layers below agree, so add a new folder to both.
 */

/** Turns folder names into a path pattern matching every file under them. */
const under = (folders) => `^src/(${folders.join('|')})/`;

/** Tests may import anything, and their imports are not the architecture. */
const tests = '\\.spec\\.ts$';

/** Adapters: parse a request (HTTP, command line), call the domain, format the answer. */
const entryFolders = [
  'login',
  'pages',
  'logout',
  'validation',
  'proxy',
  'saml',
  'auth-helper',
  'protocol',
  'admin',
  'cli',
  'health',
  'metrics-http',
];
const entry = under(entryFolders);

/** Rules, use cases and their tables. */
const domain = under([
  'tickets',
  'sessions',
  'services',
  'auth',
  'throttling',
  'secrets',
  'single-logout',
  'scheduling',
  'grant',
]);

/** What any layer may use; knows nothing of the CAS domain nor of HTTP routes. */
const infrastructure = under(['database', 'config', 'common', 'logging', 'i18n', 'metrics', 'lifecycle']);
const infrastructureExceptTests = { path: infrastructure, pathNot: tests };

/** Wires everything together; only the process entry and the tests may import it. */
const composition = '^src/(app\\.[^/]+|main)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-not-to-entry',
      comment: 'A domain module must not import an entry point (protocol families, pages, admin, cli, /metrics).',
      severity: 'error',
      from: { path: domain, pathNot: tests },
      to: { path: entry },
    },
    {
      name: 'infrastructure-not-to-domain',
      comment: 'Infrastructure must not import a domain module.',
      severity: 'error',
      from: infrastructureExceptTests,
      to: { path: domain },
    },
    {
      name: 'infrastructure-not-to-entry',
      comment: 'Infrastructure must not import an entry point.',
      severity: 'error',
      from: infrastructureExceptTests,
      to: { path: entry },
    },
    {
      name: 'config-only-to-common',
      comment:
        'Settings are parsed without knowing who uses them: src/config/ imports nothing of src/ but src/common/.',
      severity: 'error',
      from: { path: '^src/config/', pathNot: tests },
      to: { path: '^src/', pathNot: ['^src/(config|common)/'] },
    },
    {
      name: 'not-to-composition',
      comment: 'Only src/main.ts (and tests) may import the application module and factory.',
      severity: 'error',
      from: { path: '^src/', pathNot: [composition, tests] },
      to: { path: composition },
    },
    {
      name: 'no-circular-modules',
      comment: 'Two folders must not import each other, even through others: pick the direction, move the shared part.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular',
      comment:
        'A file must not import itself through others. Entities are exempt: a TypeORM relation names its two ends in both files.',
      severity: 'error',
      from: { pathNot: [tests, '\\.entity\\.ts$'] },
      to: { circular: true },
    },
    {
      name: 'src-not-to-tests',
      comment: 'The application must not import the test suite or the benchmark.',
      severity: 'error',
      from: { path: '^src/', pathNot: tests },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'migrations-stand-alone',
      comment: 'A migration must keep meaning what it meant when written: it imports no application code.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^src/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'This import resolves to no file or package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'This package is not in package.json (dependencies or devDependencies).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'src-not-to-dev-dep',
      comment: 'The application must not need a devDependency at run time (type-only imports are fine).',
      severity: 'error',
      from: { path: '^src/', pathNot: tests },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Specs import test/support, which imports the modules: their arrows are not the architecture.
    exclude: { path: ['^(dist|coverage|data)/', '\\.spec\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default'],
      mainFields: ['main', 'types'],
    },
  },
};
