import { orderedFigures } from '../src/format';

describe('orderedFigures', () => {
  it('should put required, held, pending, difference and ratio first, the rest after by name, whatever order the JSON came in', () => {
    const stored = { tolerance: '0.000001', ratio: '0.9375', held: '750', custody: '750', pending: '0', required: '800', multiplier: '1', difference: '-50', pendingBuy: '0', pendingSell: '0' };
    const names = orderedFigures(stored).map(([name]) => name);
    expect(names).toEqual(['required', 'held', 'pending', 'pendingBuy', 'pendingSell', 'difference', 'ratio', 'custody', 'multiplier', 'tolerance']);
    const reversed = Object.fromEntries(Object.entries(stored).reverse());
    expect(orderedFigures(reversed)).toEqual(orderedFigures(stored));
    expect(orderedFigures({ quantity: '12.5', affected: '2' })).toEqual([['affected', '2'], ['quantity', '12.5']]);
  });
});
