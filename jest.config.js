// Two projects: fast unit specs beside the code, and e2e specs against real Postgres and Redis.
// NestJS 12 ships as ES modules; Jest on Node 20 cannot require() them, so @swc/jest compiles
// those packages (and openid-client with its ESM dependencies) to CommonJS along with our own TypeScript.
const esmPackages = [
  '@nestjs',
  'openid-client',
  'oauth4webapi',
  'jose',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
];
const shared = {
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  // testTimeout is a global option: inside a project it is ignored and Jest's 5 s default applies to
  // every e2e hook, which a loaded machine can exceed while a suite boots the app.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFiles: ['reflect-metadata', '<rootDir>/test/setup/env.ts'],
    },
  ],
};
