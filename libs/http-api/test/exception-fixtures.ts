/** A reconciler-style raise of an under-collateralized break on bAAPL, as the exception tests send it. */
export const UNDER_COLLATERALIZED_RAISE = {
  exceptionId: 'EX-bAAPL-under',
  assetId: 'bAAPL',
  breakType: 'under-collateralized',
  severity: 'critical',
  figures: { required: '1000', held: '990', difference: '-10' },
  evidenceEventIds: [],
};
