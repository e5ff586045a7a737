// Jest runs TypeScript and the ESM-only dependencies (NestJS 12, jose, canonicalize, uuid,
// PGlite) through @swc/jest: on Node 20 Jest cannot load ESM through require(esm), and
// ts-jest fails on Nest 12's import.meta. Types are checked separately by `npm run typecheck`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const esmPackages = ['@nestjs', 'jose', 'canonicalize', 'uuid', '@electric-sql', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'pdfjs-dist', 'htmlparser2', 'domhandler', 'domutils', 'domelementtype', 'entities', 'dom-serializer'];

const common = {
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@cicu/protocol$': '<rootDir>/libs/protocol/src/index.ts',
    '^@cicu/crypto$': '<rootDir>/libs/crypto/src/index.ts',
    '^@cicu/shared$': '<rootDir>/apps/shared/src/index.ts',
    // What the two web apps share (apps/shared/web), for their unit specs.
    '^@cicu/web/(.*)$': '<rootDir>/apps/shared/web/$1',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  // e2e apps start, migrate and exchange over real services: 5 s is too short on a loaded 2-core
  // machine (a global option: Jest does not take it per project).
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
