/**
 * Why an insurer gave no price, in the shopper's language: the quote's
 * message code worded from the string tables, and for `needs_information`
 * the answers it needs, named as the form names them. The insurer's own text
 * (`vendorMessage`) is the dealer's and is never shown here.
 */
import type { Quote } from '../../contract/quote.ts';
import type { Draft } from './draft.ts';
import type { Messages } from './localize.ts';

/** The label of each answer an insurer may need, by its field inside a driver, a vehicle or the whole applicant. */
const LABELS: Record<'drivers' | 'vehicles' | 'applicant', Record<string, (t: Messages) => string>> = {
  drivers: {
    occupation: (t) => t.occupation,
    occupationIndustry: (t) => t.industry,
    goodStudent: (t) => t.goodStudent,
    primaryVehicle: (t) => t.mainVehicle,
    'license.number': (t) => t.licenseNumber,
  },
  vehicles: {
    vin: (t) => t.vin,
    commuteMilesOneWay: (t) => t.commuteMiles,
    commuteDaysPerWeek: (t) => t.commuteDays,
    commutesToNyNj: (t) => t.commutesToNyNj,
  },
  applicant: {
    'residence.type': (t) => t.residenceTypeLabel,
    priorInsurance: (t) => t.currentInsurance,
    'priorInsurance.expirationDate': (t) => t.lastInsured,
  },
};

/** "Job title (Maria)": an answer the shopper can find on the form; undefined for a path the widget does not ask. */
function neededAnswer(path: string, t: Messages, applicant?: Draft): string | undefined {
  const item = /^(drivers|vehicles)\.(\d+)\.(.+)$/.exec(path);
  if (!item) return LABELS.applicant[path]?.(t);
  const [, list, index, field] = item as unknown as [string, 'drivers' | 'vehicles', string, string];
  const label = LABELS[list][field]?.(t);
  if (!label) return undefined;
  const n = Number(index);
  const who =
    list === 'drivers' ? applicant?.drivers?.[n]?.firstName || t.driverN(n + 1) : t.vehicleLabel(applicant?.vehicles?.[n] ?? {}, n + 1);
  return `${label} (${who})`;
}

/** The reason shown on a declined or failed quote's card. */
export function quoteReason(quote: Quote, t: Messages, applicant?: Draft): string {
  const code = quote.messageCode ?? (quote.status === 'declined' ? 'declined_for_profile' : 'temporarily_unavailable');
  const reason = t.quoteReason[code];
  if (code !== 'needs_information') return reason;
  const answers = (quote.neededFields ?? []).map((path) => neededAnswer(path, t, applicant)).filter((a): a is string => !!a);
  return answers.length > 0 ? `${reason} ${t.neededAnswers(answers)}` : reason;
}
