/**
 * What AutoComplete needs beyond the Applicant schema to make the shopper's
 * personalised link, from its partner API's "Minimum Required Fields":
 * "drivers_license: Must include number and state" and "new_vehicles: Must
 * contain at least one vehicle, with vin". map/to-person.ts refuses a person without them.
 */
import type { FieldNeed } from '../../../contract/index.ts';

export const AUTOCOMPLETE_NEEDS: readonly FieldNeed[] = [
  { path: 'drivers.0.license.number', reason: "AutoComplete needs the applicant's driver's license number (number and state)" },
  { path: 'vehicles.*.vin', reason: 'AutoComplete needs the VIN of every vehicle' },
];
