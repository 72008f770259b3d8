/**
 * The examples printed in the AutoComplete seed (autocomplete-partner-api.md),
 * typed in by hand with their JSON mended: trailing commas and `//` comments
 * removed, Python's `True` written `true`. Nothing else is changed.
 */

/** "Sample submission to `POST /people`". */
export const fullSubmission = {
  first_name: 'Jon',
  middle_name: 'Aegon',
  last_name: 'Snow',
  date_of_birth: '1986-12-26',
  gender: 'male',
  marital_status: 'married',
  education: 'bachelors',
  employment_status: 'employed',
  residence_ownership_type: 'own',
  age_first_licensed: 16,
  phone_numbers: [
    { number: '+15551230000', type: 'mobile', sms_consent: true },
    { number: '+15551231111', type: 'home' },
  ],
  emails: [{ email: 'jon.snow@nightswatch.com', preferred: true }],
  addresses: [
    { type: 'physical', full_address: '555 Main St., Pleasantville, CA 94105' },
    { type: 'mailing', address_1: 'PO Box 100', city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'United States' },
  ],
  drivers_license: { number: 'D1234567', state: 'CA', status: 'active', issued_date: '2015-11-11', expiration_date: '2025-11-11' },
  new_vehicles: [
    {
      vin: 'WAULH54B0YN028245',
      year: 2022,
      make: 'Audi',
      model: 'A4',
      trim: '45 TFSI',
      ownership_start: '2022-03-09',
      ownership_type: 'leased',
      lease_duration: 36,
      annual_mileage: 12000,
      odometer: 57,
      cost_new: 3990000,
      lienholder: 'Toyota Financial Services',
      primary_use: 'pleasure',
      rideshare: false,
      addresses: [
        { type: 'garaging', full_address: '555 Main St., Pleasantville, CA 94105' },
        { type: 'lienholder', full_address: '1 Toyota Way, Plano, TX 75024' },
      ],
    },
  ],
  trade_ins: [{ vin: '5TD2A23C645204309', year: 2015, make: 'Toyota', model: 'Camry', odometer: 78001 }],
  policies: [
    { type: 'auto', carrier: 'Geico', policy_number: '604-80-35-635', effective_date: '2021-12-20', expiration_date: '2022-05-20' },
  ],
  related_people: [
    { first_name: 'Ygritte', last_name: 'Wildling', date_of_birth: '1987-02-09', marital_status: 'married', relationship: 'spouse' },
  ],
  source: {
    dealer_id: '4119799d-215f-4f49-b38a-0b94c2448399',
    type: 'cdk',
    external_customer_number: '928880',
    external_deal_number: '41706',
  },
};

/** "Example with minimum required fields" (the Python `data` dict). */
export const minimumSubmission = {
  first_name: 'Jon',
  last_name: 'Snow',
  date_of_birth: '1986-12-26',
  phone_numbers: [{ number: '+15551230000', type: 'mobile', sms_consent: true }],
  addresses: [{ full_address: '555 Main St., Pleasantville, CA 94105' }],
  drivers_license: [{ number: 'D1234567', state: 'CA' }],
  new_vehicles: [{ vin: 'WAULH54B0YN028245' }],
  source: { dealer_id: '4119799d-215f-4f49-b38a-0b94c2448399' },
};

/** "Sample response" (its "truncated for brevity" comment removed). */
export const sampleResponse = {
  id: 'ec694d9a-a3f8-4a55-95ff-de97d1bc945a',
  first_name: 'Jon',
  last_name: 'Snow',
  flow: { flow_identifier: 'uVwXyZ', flow_url: 'https://app.autocomplete.io/uVwXyZ' },
};

/** "Sample error". */
export const sampleError = { status_code: 400, message: "Field 'new_vehicles' cannot be empty." };

/** The component examples of "Models". */
export const models = {
  phoneNumber: { number: '+15551230000', type: 'mobile', sms_consent: true },
  email: { email: 'john.doe@gmail.com', preferred: true },
  parsedAddress: {
    type: 'mailing',
    address_1: '1650 17th St NW',
    address_2: 'Suite 100',
    city: 'Washington',
    state: 'DC',
    postal_code: '20500',
  },
  unparsedAddress: { type: 'physical', full_address: '931 Thomas Jefferson Parkway, Charlottesville, VA 22902' },
  driversLicense: { number: 'D123456', state: 'CA', status: 'active', issued_date: '2018-10-25', expiration_date: '2028-10-25' },
  policy: { type: 'auto', carrier: 'Geico', policy_number: '604-80-35-635', effective_date: '2021-12-20', expiration_date: '2022-05-20' },
  vehicle: {
    vin: '2T3RWRFV3KW021971',
    year: 2019,
    make: 'Toyota',
    model: 'RAV4',
    trim: 'XLE',
    ownership_start: '2019-08-21',
    ownership_type: 'leased',
    lease_duration: 36,
    finance_duration: null,
    annual_mileage: 12000,
    odometer: 48,
    cost_new: 3999500,
    primary_use: 'work',
    lienholder: 'Toyota Financial Services',
    anti_lock_brakes: true,
    anti_theft_device: true,
    rideshare: false,
    addresses: [
      { type: 'garaging', address_1: '530 Howard St', address_2: 'Ste 470', city: 'San Francisco', state: 'CA', postal_code: '94105' },
      { type: 'lienholder', address_1: 'PO BOX 105386', city: 'Atlanta', state: 'GA', postal_code: '30348-5386' },
    ],
  },
  flow: { flow_identifier: 'aBcDeF', flow_url: 'https://apps.autocomplete.io/aBcDeF' },
  cdkSource: {
    dealer_id: '4119799d-215f-4f49-b38a-0b94c2448399',
    type: 'cdk',
    external_customer_number: '928880',
    external_deal_number: '41706',
  },
  dealertrackSource: {
    dealer_id: '88753dfc-5ede-49cd-92b4-7b63d235d16c',
    type: 'dealertrack',
    external_customer_number: '1028648',
    external_deal_number: '6302',
  },
};
