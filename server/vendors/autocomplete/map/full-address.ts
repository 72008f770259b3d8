/**
 * Reads AutoComplete's unparsed `full_address` ("555 Main St., Pleasantville,
 * CA 94105") into its parts. Only the common US layout is read: street,
 * optional second line, city, then state and ZIP; anything else is left
 * alone (reported as unused) rather than split by guesswork.
 */
export type ParsedAddress = { line1: string; line2?: string; city: string; state: string; postalCode: string };

const STATE_AND_ZIP = /^([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?)$/;
const ZIP = /^\d{5}(?:-\d{4})?$/;
const STATE = /^[A-Za-z]{2}$/;
const COUNTRY = /^(united states( of america)?|usa?)$/i;

export function parseFullAddress(fullAddress: string): ParsedAddress | undefined {
  const parts = fullAddress
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length > 0 && COUNTRY.test(parts.at(-1)!)) parts.pop();

  let state: string | undefined;
  let postalCode: string | undefined;
  const last = parts.pop() ?? '';
  const stateAndZip = STATE_AND_ZIP.exec(last);
  if (stateAndZip) {
    [state, postalCode] = [stateAndZip[1]!, stateAndZip[2]!];
  } else if (ZIP.test(last) && STATE.test(parts.at(-1) ?? '')) {
    // "…, Pleasantville, CA, 94105"
    [state, postalCode] = [parts.pop()!, last];
  } else {
    return undefined;
  }

  const city = parts.pop();
  const [line1, line2, ...rest] = parts;
  if (!city || !line1 || rest.length > 0) return undefined;
  return { line1, ...(line2 ? { line2 } : {}), city, state: state.toUpperCase(), postalCode };
}
