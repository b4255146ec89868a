/**
 * apps/* are processes that compose libs/*; code two apps need belongs in a lib. ESLint enforces it
 * (no-restricted-imports on any path naming apps/, and architecture/app-boundary for relative paths
 * that climb out of the app); this test proves both fire, and that the legitimate imports pass.
 */
import { ruleIdsFor } from './lint-probe';

const CLI_FILE = 'apps/cli/src/commands/probe.ts';
const CLI_TEST = 'apps/cli/test/probe.e2e.spec.ts';

const forbidden: readonly [string, string, string, string][] = [
  ['a relative path into apps/api', CLI_FILE, "import { createApiApp } from '../../../api/src/create-api-app';\nexport const create = createApiApp;\n", 'architecture/app-boundary'],
  ['a relative path from a test into another app', CLI_TEST, "import { startApi } from '../../api/test/api-harness';\nexport const start = startApi;\n", 'architecture/app-boundary'],
  ['a re-export from another app', CLI_FILE, "export * from '../../../relay/src/relay-settings';\n", 'architecture/app-boundary'],
  ['a dynamic import of another app', CLI_FILE, "export const load = () => import('../../../projector/src/projector');\n", 'architecture/app-boundary'],
  ['a path naming apps/', CLI_FILE, "import 'apps/api/src/create-api-app';\n", 'no-restricted-imports'],
  ['a path that climbs to the root and names apps/', CLI_FILE, "import '../../../../apps/api/src/create-api-app';\n", 'no-restricted-imports'],
];
const allowed: readonly [string, string, string][] = [
  ['a lib by its alias', CLI_FILE, "import { createApiApp } from '@recon/http-api';\nexport const create = createApiApp;\n"],
  ['a module of the same app', CLI_FILE, "import { openEventStore } from '../runtime/open-event-store';\nexport const open = openEventStore;\n"],
  ["a lib's test support", CLI_TEST, "import { startApi } from '../../../libs/http-api/test/api-harness';\nexport const start = startApi;\n"],
];

describe('Architecture of apps/', () => {
  let results: (string | null)[][] = [];
  beforeAll(() => {
    results = ruleIdsFor([...forbidden, ...allowed].map(([, file, code]) => ({ file, code })));
  }, 60_000);

  describe.each(forbidden.map(([name, , , rule], index) => ({ name, rule, index })))('When an app imports $name', ({ rule, index }) => {
    it('should be reported', () => expect(results[index]).toContain(rule));
  });

  describe.each(allowed.map(([name], index) => ({ name, index: forbidden.length + index })))('When an app imports $name', ({ index }) => {
    it('should report nothing', () => expect(results[index]).toEqual([]));
  });
});
