/**
 * viem's type declarations are marked ES modules while this repository compiles to CommonJS, and
 * viem also ships a CommonJS build (its `default` export condition). So the types are imported in
 * import mode and the values required: same library, one place that bridges the two.
 */
import type * as Viem from 'viem' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const viem: typeof Viem = require('viem');
export type { Viem };
