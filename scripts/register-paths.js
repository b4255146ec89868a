// Resolves the @recon/* library aliases inside the compiled tree (dist/), the way tsconfig maps them in source.
const path = require('node:path');
require('tsconfig-paths').register({
  baseUrl: path.resolve(__dirname, '..', 'dist'),
  paths: { '@recon/*': ['libs/*/src'] },
});
