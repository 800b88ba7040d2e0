import { isSupportedCountry, thinqRegionOf } from './thinq-regions';

describe('thinqRegionOf', () => {
  it.each([
    ['KR', 'kic'],
    ['AU', 'kic'],
    ['VN', 'kic'],
    ['US', 'aic'],
    ['BR', 'aic'],
    ['CA', 'aic'],
    ['DE', 'eic'],
    ['GB', 'eic'],
    ['AE', 'eic'],
    ['ZA', 'eic'],
    ['kr', 'kic'],
  ])('%s -> %s', (country, region) => {
    expect(thinqRegionOf(country)).toBe(region);
  });

  it('refuses codes that are not assigned countries', () => {
    for (const code of ['XX', 'KOR', '', 'EU', 'ZZ', 'K1']) {
      expect(isSupportedCountry(code)).toBe(false);
      expect(thinqRegionOf(code)).toBeUndefined();
    }
    expect(isSupportedCountry('fr')).toBe(true);
  });
});
