/**
 * libs/statements is a pure library: bytes in, statement out. The ESLint purity rules cover
 * libs/domain only, so this test holds the same line here, on the source text.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const SOURCE = __dirname;
// saxes: the streaming XML parser under the semt.002 reader (pure: strings in, events out).
const ALLOWED_PACKAGES = ['@recon/domain', 'saxes'];
const FORBIDDEN_CALLS: readonly [RegExp, string][] = [
  [/\bnew Date\(/, 'a clock or time zone'],
  [/\bDate\.now\(/, 'a clock'],
  [/\bMath\.random\(/, 'randomness'],
  [/\bparseFloat\(|\bNumber\.parseFloat\(/, 'floating-point quantities'],
  [/\bprocess\./, 'the process environment'],
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

const files = sourceFiles(SOURCE).map((file) => ({ file: path.relative(SOURCE, file), text: readFileSync(file, 'utf8') }));

describe('Architecture of libs/statements', () => {
  describe.each(files)('Given $file', ({ text }) => {
    it('then it imports only its own modules and the pure domain', () => {
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');
      expect(imports.filter((source) => !source.startsWith('.') && !ALLOWED_PACKAGES.includes(source))).toEqual([]);
    });

    it('then it reads no clock, randomness, environment or floats', () => {
      expect(FORBIDDEN_CALLS.filter(([pattern]) => pattern.test(text)).map(([, what]) => what)).toEqual([]);
    });
  });
});
