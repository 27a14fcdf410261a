// GTIN-13 barcodes: the GS1 check digit, and building unique codes from a company prefix and an item reference.

/** The GS1 mod-10 check digit of the first 12 digits (weights 1,3,1,3... from the left for GTIN-13). */
export function gtin13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new Error(`GTIN-13 body must be 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin13(gtin: string): boolean {
  return /^\d{13}$/.test(gtin) && gtin13CheckDigit(gtin.slice(0, 12)) === gtin.charCodeAt(12) - 48;
}

/**
 * A GTIN-13 in the US form: a leading 0 (a UPC-A padded to 13), a 6-digit company prefix, a 5-digit item
 * reference and the check digit. Distinct (prefix, reference) pairs give distinct codes.
 */
export function buildGtin13(companyPrefix: number, itemReference: number): string {
  if (companyPrefix < 0 || companyPrefix > 999_999) throw new Error(`company prefix out of range: ${companyPrefix}`);
  if (itemReference < 0 || itemReference > 99_999) throw new Error(`item reference out of range: ${itemReference}`);
  const body = `0${String(companyPrefix).padStart(6, '0')}${String(itemReference).padStart(5, '0')}`;
  return body + String(gtin13CheckDigit(body));
}
