// Resolves the @skp/* aliases to the compiled libraries under dist/ at run time.
const path = require('path');
const tsConfigPaths = require('tsconfig-paths');
const dist = path.resolve(__dirname, '..', 'dist');
tsConfigPaths.register({
  baseUrl: dist,
  paths: {
    '@skp/messages': ['libs/messages/src'],
    '@skp/crypto': ['libs/crypto/src'],
    '@skp/crypto/dev': ['libs/crypto/src/dev'],
    '@skp/platform': ['libs/platform/src'],
  },
});
