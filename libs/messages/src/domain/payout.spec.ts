import fc from 'fast-check';
import {
  basisPointsOf,
  isPayoutPercentage,
  offeredAmountCents,
  percentageForAvailable,
  percentageOf,
  proposalFigures,
} from './payout';

describe('isPayoutPercentage', () => {
  it.each(['0.00', '0.01', '5.50', '45.67', '99.99', '100.00'])('accepts %s', (p) =>
    expect(isPayoutPercentage(p)).toBe(true),
  );
  it.each([
    '100.01',
    '101.00',
    '05.00',
    '5.5',
    '5',
    '-1.00',
    '+5.00',
    '5,50',
    ' 5.50',
    '1e1',
    '',
    45.67,
    null,
  ])('rejects %p', (p) => expect(isPayoutPercentage(p)).toBe(false));
});

describe('basis points', () => {
  it('reads and writes two decimals', () => {
    expect(basisPointsOf('45.67')).toBe(4567);
    expect(basisPointsOf('0.00')).toBe(0);
    expect(basisPointsOf('100.00')).toBe(10_000);
    expect(percentageOf(4567)).toBe('45.67');
    expect(percentageOf(5)).toBe('0.05');
    expect(percentageOf(10_000)).toBe('100.00');
  });

  it('refuses what is not a percentage', () => {
    expect(() => basisPointsOf('100.01')).toThrow(/payoutPercentage/);
    expect(() => percentageOf(10_001)).toThrow(RangeError);
    expect(() => percentageOf(1.5)).toThrow(RangeError);
  });

  it('round-trips every value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => basisPointsOf(percentageOf(bp)) === bp),
    );
  });
});

describe('offeredAmountCents', () => {
  it.each([
    // creditorTotalCents, percentage, offer
    [1, '0.00', 0],
    [1, '100.00', 1],
    [1, '50.00', 1], // half a cent rounds up
    [1, '49.99', 0],
    [0, '45.00', 0],
    [123_456, '0.00', 0],
    [123_456, '100.00', 123_456],
    [123_456, '45.67', 56_382], // 56381.3552
    [333, '33.33', 111], // 110.9889
    [1_000, '12.35', 124], // 123.5 rounds up
    [Number.MAX_SAFE_INTEGER, '100.00', Number.MAX_SAFE_INTEGER],
  ])('%i cents at %s%% is %i', (total, pct, offer) => expect(offeredAmountCents(total, pct)).toBe(offer));

  it('refuses a negative, fractional or unsafe amount', () => {
    expect(() => offeredAmountCents(-1, '10.00')).toThrow(/creditorTotalCents/);
    expect(() => offeredAmountCents(1.5, '10.00')).toThrow(/creditorTotalCents/);
    expect(() => offeredAmountCents(2 ** 53, '10.00')).toThrow(/creditorTotalCents/);
  });

  it('never offers more than the claim nor less than nothing', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
        const offer = offeredAmountCents(total, percentageOf(bp));
        return offer >= 0 && offer <= total && Math.abs(offer - (total * bp) / 10_000) <= 0.5;
      }),
    );
  });
});

describe('percentageForAvailable', () => {
  it.each([
    // available, debt, percentage
    [0, 100_000, '0.00'],
    [100_000, 100_000, '100.00'],
    [250_000, 100_000, '100.00'],
    [1, 1, '100.00'],
    [0, 1, '0.00'],
    [1, 3, '33.33'], // floored, not rounded: 33.333…
    [2, 3, '66.66'], // 66.666… floors to 66.66
    [12_345, 100_000, '12.34'], // 12.345 floors
    [5, 0, '100.00'],
  ])('%i available for %i debt is %s%%', (available, debt, pct) =>
    expect(percentageForAvailable(available, debt)).toBe(pct),
  );

  it('never buys more than is available at the whole-debt level', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (available, debt) => {
        const bp = basisPointsOf(percentageForAvailable(available, debt));
        return debt * bp <= available * 10_000 || bp === 10_000;
      }),
    );
  });
});

describe('proposalFigures', () => {
  const claims = [
    { key: 'A', creditorTotalCents: 100_000 },
    { key: 'B', creditorTotalCents: 33_333 },
    { key: 'C', creditorTotalCents: 1 },
  ];

  it('offers each creditor its share of a given percentage', () => {
    const figures = proposalFigures(claims, { payoutPercentage: '12.50' });
    expect(figures).toEqual({
      payoutPercentage: '12.50',
      totalDebtCents: 133_334,
      shares: [
        { key: 'A', creditorTotalCents: 100_000, offeredAmountCents: 12_500 },
        { key: 'B', creditorTotalCents: 33_333, offeredAmountCents: 4_167 }, // 4166.625
        { key: 'C', creditorTotalCents: 1, offeredAmountCents: 0 }, // 0.125
      ],
      offeredTotalCents: 16_667,
      roundingCents: 0, // 16666.75 rounds to 16667 as a whole too
    });
  });

  it('computes the percentage from the amount available and shows what rounding did', () => {
    // 3 creditors of 1 cent, 2 cents available: 66.66 %, each 0.6666 cent rounds up to 1
    const figures = proposalFigures(
      [
        { key: 'A', creditorTotalCents: 1 },
        { key: 'B', creditorTotalCents: 1 },
        { key: 'C', creditorTotalCents: 1 },
      ],
      { availableCents: 2 },
    );
    expect(figures.payoutPercentage).toBe('66.66');
    expect(figures.shares.map((s) => s.offeredAmountCents)).toEqual([1, 1, 1]);
    expect(figures.offeredTotalCents).toBe(3);
    expect(figures.roundingCents).toBe(1); // the whole debt at 66.66 % is 2 cents
    expect(figures.unallocatedCents).toBe(-1);
  });

  it('handles 0 % and 100 %', () => {
    expect(
      proposalFigures(claims, { availableCents: 0 }).shares.every((s) => s.offeredAmountCents === 0),
    ).toBe(true);
    const full = proposalFigures(claims, { availableCents: 133_334 });
    expect(full.payoutPercentage).toBe('100.00');
    expect(full.shares.map((s) => s.offeredAmountCents)).toEqual([100_000, 33_333, 1]);
    expect(full.unallocatedCents).toBe(0);
  });

  it('refuses a bad percentage or amount, naming the field', () => {
    expect(() => proposalFigures(claims, { payoutPercentage: '12.5' })).toThrow(/payoutPercentage/);
    expect(() => proposalFigures(claims, { availableCents: -5 })).toThrow(/availableCents/);
    expect(() => proposalFigures([{ key: 'X', creditorTotalCents: -1 }], { availableCents: 5 })).toThrow(
      /creditorTotalCents/,
    );
  });
});
