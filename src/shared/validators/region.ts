/**
 * Province-level codes of GB/T 2260 (the first two digits of an administrative
 * division code): 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南,
 * 61–65 西北, 71 台湾, 81 香港, 82 澳门.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** True when `code` starts with a valid province code. */
export function hasValidProvincePrefix(code: string): boolean {
  return PROVINCE_CODES.has(code.slice(0, 2));
}

/** The province code (first two digits) of a 6-digit administrative division code. */
export function provinceCodeOf(divisionCode: string): string {
  return divisionCode.slice(0, 2);
}
