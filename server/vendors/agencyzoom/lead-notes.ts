/**
 * The lead's `notes`: what the shopper told us that AgencyZoom's personal-lead
 * fields have no place for (drivers, vehicles, incidents, prior insurance,
 * chosen cover), written plainly so the producer can quote without calling
 * back. Only what the shopper entered; nothing is filled in or guessed.
 * The consent to be contacted goes last, as recorded: lead rules want the
 * words the shopper agreed to, and when, where and from what, with the lead.
 * The submission's reference comes second: the dealer reads it out on the
 * phone, and a delivery retry finds the lead by it (delivery-target.ts).
 */
import type { ConsentRecord, Coverage, Driver, Incident, PriorInsurance, QuoteRequestBody, Vehicle } from '../../../contract/index.ts';

export function describeApplicant(applicant: QuoteRequestBody, consent?: ConsentRecord, reference?: string): string {
  const lines = [
    `Auto insurance request from Coverkit, effective ${applicant.effectiveDate}.`,
    reference ? referenceLine(reference) : undefined,
    residenceLine(applicant),
    ...applicant.drivers.map((d, i) => `Driver ${i + 1}: ${driverLine(d)}.`),
    ...applicant.vehicles.map((v, i) => `Vehicle ${i + 1}: ${vehicleLine(v, applicant.drivers)}.`),
    ...(applicant.incidents ?? []).map((incident) => `Incident: ${incidentLine(incident, applicant.drivers)}.`),
    applicant.priorInsurance ? `Prior insurance: ${priorLine(applicant.priorInsurance)}.` : undefined,
    `Coverage: ${coverageLine(applicant.coverage)}.`,
    smsLine(applicant.contact.smsConsent),
    consent ? consentLines(consent) : undefined,
  ];
  return lines.filter((line): line is string => line !== undefined).join('\n');
}

/** The line that names the submission, exactly as a retry looks for it. */
export const referenceLine = (reference: string) => `Coverkit reference: ${reference}.`;

const words = (value: string) => value.replaceAll('_', ' ');
const fullName = (d: Pick<Driver, 'firstName' | 'middleName' | 'lastName'>) =>
  [d.firstName, d.middleName, d.lastName].filter(Boolean).join(' ');

/** Whole dollars print without cents: $100,000; odd cents keep them: $512.34. */
export function dollars(cents: number): string {
  const amount = cents / 100;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 })}`;
}

function residenceLine({ residence }: QuoteRequestBody): string {
  const ownership = residence.ownership === 'own' ? 'Owns' : 'Rents';
  return `Residence: ${ownership} their home${residence.type ? ` (${words(residence.type)})` : ''}.`;
}

function driverLine(d: Driver): string {
  const parts = [
    fullName(d),
    d.relationship === 'self' ? 'applicant' : words(d.relationship),
    `born ${d.dateOfBirth}`,
    words(d.gender),
    words(d.maritalStatus),
    `education ${words(d.education)}`,
    words(d.employment) + (d.occupation ? ` (${d.occupation})` : ''),
    `${d.license.state} license ${words(d.license.status)}${d.license.number ? ` no. ${d.license.number}` : ''}, first licensed at ${d.license.ageFirstLicensed}`,
    d.goodStudent ? 'good student' : undefined,
    d.sr22 ? 'needs SR-22' : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

function vehicleLine(v: Vehicle, drivers: Driver[]): string {
  const driver = drivers[v.primaryDriver];
  const commute =
    v.commuteMilesOneWay === undefined
      ? undefined
      : `${v.commuteMilesOneWay} mi one way${v.commuteDaysPerWeek ? `, ${v.commuteDaysPerWeek} days a week` : ''}`;
  const parts = [
    [v.year, v.make, v.model, v.trim].filter(Boolean).join(' ') + (v.bodyStyle ? ` ${v.bodyStyle}` : ''),
    v.vin ? `VIN ${v.vin}` : undefined,
    words(v.ownership) + (v.lienholder ? ` (lienholder ${v.lienholder})` : ''),
    `${words(v.use)} use`,
    commute,
    `${v.annualMileage.toLocaleString('en-US')} mi a year`,
    driver ? `driven mostly by ${fullName(driver)}` : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

function incidentLine(incident: Incident, drivers: Driver[]): string {
  const driver = drivers[incident.driver];
  return `${words(incident.type)} on ${incident.date}${driver ? ` (${fullName(driver)})` : ''}: ${incident.description}`;
}

function priorLine(prior: PriorInsurance): string {
  const parts = [
    prior.carrier,
    `${prior.monthsInsured} months`,
    prior.expirationDate ? `expires ${prior.expirationDate}` : undefined,
    prior.bodilyInjuryLimitsCents
      ? `bodily injury ${dollars(prior.bodilyInjuryLimitsCents.perPerson)}/${dollars(prior.bodilyInjuryLimitsCents.perAccident)}`
      : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

function coverageLine(coverage: Coverage): string {
  const deductible = (cents: number | null) => (cents === null ? 'declined' : `${dollars(cents)} deductible`);
  const parts = [
    `bodily injury ${dollars(coverage.bodilyInjuryCents.perPerson)}/${dollars(coverage.bodilyInjuryCents.perAccident)}`,
    `property damage ${dollars(coverage.propertyDamageCents)}`,
    coverage.medicalPaymentsCents === undefined ? undefined : `medical payments ${dollars(coverage.medicalPaymentsCents)}`,
    coverage.uninsuredMotoristCents
      ? `uninsured motorist ${dollars(coverage.uninsuredMotoristCents.perPerson)}/${dollars(coverage.uninsuredMotoristCents.perAccident)}`
      : undefined,
    ...coverage.vehicles.map(
      (v, i) =>
        `vehicle ${i + 1} comprehensive ${deductible(v.comprehensiveDeductibleCents)}, collision ${deductible(v.collisionDeductibleCents)}`,
    ),
  ];
  return parts.filter(Boolean).join('; ');
}

/** "Consent to be contacted: …" — the disclosure word for word when Coverkit served it, or that the caller showed its own. */
function consentLines(consent: ConsentRecord): string {
  const where = [
    `at ${consent.agreedAt}`,
    consent.pageUrl ? `on ${consent.pageUrl}` : undefined,
    `from ${consent.ipAddress}`,
    consent.userAgent ? `(${consent.userAgent})` : undefined,
  ].filter(Boolean);
  if (consent.method === 'contact_consent') {
    return `Consent to be contacted: given through the dealer's own form (wording not recorded by Coverkit), ${where.join(' ')}.`;
  }
  return [
    `Consent to be contacted: the shopper ticked "${consent.checkboxLabel}" ${where.join(' ')}.`,
    `Disclosure shown (version ${consent.disclosureVersion}, ${consent.locale}): ${consent.text}`,
  ].join('\n');
}

function smsLine(consent: boolean | undefined): string | undefined {
  if (consent === undefined) return undefined;
  return consent ? 'Text messages: the shopper agreed to receive them.' : 'Text messages: the shopper declined them.';
}
