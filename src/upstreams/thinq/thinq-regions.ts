import type { ThinqRegion } from '../http/upstream-endpoints';

/** LG's SDK: countries served by KIC (Asia-Pacific) and AIC (the Americas); EIC serves the rest. */
const KIC = new Set('AU BD CN HK ID IN JP KH KR LA LK MM MY NP NZ PH SG TH TW VN'.split(' '));
const AIC = new Set(
  (
    'AG AR AW BB BO BR BS BZ CA CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PR ' +
    'PY SR SV TT US UY VC VE'
  ).split(' '),
);

/**
 * Countries the gateway accepts for a ThinQ account: every officially assigned ISO 3166-1
 * alpha-2 code (LG's docs list KIC and AIC and say EIC serves "the other supported countries",
 * without a list). ThinQ itself still answers 1307 for a country it does not serve.
 */
const ASSIGNED = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
    'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
    'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
    'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** The countries the gateway accepts for a ThinQ account, sorted (the link's `enum`). */
export const THINQ_COUNTRIES: readonly string[] = [...ASSIGNED].sort();

/** `kr` and ` KR ` -> `KR`. */
export function normalizeCountry(countryCode: string): string {
  return countryCode.trim().toUpperCase();
}

export function isSupportedCountry(countryCode: string): boolean {
  return ASSIGNED.has(normalizeCountry(countryCode));
}

/** The ThinQ region serving a country; undefined for a country that is not supported. */
export function thinqRegionOf(countryCode: string): ThinqRegion | undefined {
  const country = normalizeCountry(countryCode);
  if (!ASSIGNED.has(country)) return undefined;
  if (KIC.has(country)) return 'kic';
  if (AIC.has(country)) return 'aic';
  return 'eic';
}
