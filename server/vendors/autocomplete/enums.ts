/**
 * AutoComplete's value lists, spelled exactly as its reference prints them:
 * answers always use these spellings, while submissions may vary case and use
 * spaces and underscores interchangeably ("When submitting, all values are
 * case-insensitive. Spaces and underscores are interchangeable.").
 */

export const GENDERS = ['male', 'female', 'non_binary'] as const;
export const MARITAL_STATUSES = ['single', 'married', 'other'] as const;
export const RELATIONSHIPS = ['spouse', 'sibling', 'parent', 'parent_in_law', 'child', 'child_in_law', 'housemate', 'other'] as const;
export const EDUCATION_LEVELS = [
  'associates',
  'bachelors',
  'doctorate',
  'no_high_school_diploma',
  'high_school',
  'masters',
  'medical_school',
  'law_school',
  'vocational_certificate',
  'other',
] as const;
export const EMPLOYMENT_STATUSES = ['employed', 'retired', 'student', 'unemployed'] as const;
export const RESIDENCE_OWNERSHIP_TYPES = ['own', 'rent'] as const;
export const PHONE_TYPES = ['mobile', 'home', 'work'] as const;
export const ADDRESS_TYPES = ['mailing', 'physical', 'garaging', 'lienholder'] as const;
export const LICENSE_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export const VEHICLE_OWNERSHIP_TYPES = ['owned', 'financed', 'leased', 'trade_in', 'other'] as const;
export const VEHICLE_USES = ['work', 'pleasure', 'school', 'business', 'agricultural'] as const;
export const SOURCE_TYPES = ['automate', 'cdk', 'dealertrack', 'reynolds'] as const;
/** "The only supported country is "United States". Will default to "United States"". */
export const COUNTRIES = ['United States'] as const;

export const CARRIERS = [
  'AAA',
  'Allstate',
  'American Family',
  'American National',
  'Amica Mutual',
  'Auto Owners',
  'Bear River',
  'Chubb',
  'Country Financial',
  'Encompass',
  'Erie',
  'Esurance',
  'Farmers',
  'Foremost',
  'Geico',
  'Hanover',
  'Heritage',
  'Hippo',
  'Homesite',
  'Kemper',
  'Kentucky Farm Bureau',
  'Liberty Mutual',
  'Mercury',
  'Metlife',
  'National General',
  'Nationwide',
  'Progressive',
  'Safeco',
  'Shelter',
  'State Auto',
  'State Farm',
  'Travelers',
  'Universal',
  'USAA',
] as const;

export const POLICY_TYPES = [
  'auto',
  'boat',
  'business_owners',
  'combo',
  'commercial_auto',
  'commercial_umbrella',
  'condo',
  'earthquake',
  'farmowner',
  'fire',
  'flood',
  'homeowners',
  'landlord',
  'life',
  'motorcycle',
  'personal_articles',
  'recreational_vehicle',
  'renters',
  'snowmobile',
  'term_life',
  'trailer',
  'umbrella',
  'universal_life',
  'whole_life',
] as const;

export const VEHICLE_MAKES = [
  'Acura',
  'Alfa Romeo',
  'Aston Martin',
  'Audi',
  'BMW',
  'Bentley',
  'Bollinger',
  'Bugatti',
  'Buick',
  'Cadillac',
  'Canoo',
  'Chevrolet',
  'Chrysler',
  'Dodge',
  'Ferrari',
  'Fiat',
  'Fisker',
  'Ford',
  'GMC',
  'Genesis',
  'Honda',
  'Hummer',
  'Hyundai',
  'Infiniti',
  'Jaguar',
  'Jeep',
  'Karma',
  'Kia',
  'Lamborghini',
  'Land Rover',
  'Lexus',
  'Lincoln',
  'Lordstown',
  'Lotus',
  'Lucid',
  'Maserati',
  'Maybach',
  'Mazda',
  'McLaren',
  'Mercedes',
  'Mercury',
  'Mini',
  'Mitsubishi',
  'Nikola',
  'Nissan',
  'Oldsmobile',
  'Polestar',
  'Pontiac',
  'Porsche',
  'Plymouth',
  'Ram',
  'Rivian',
  'Rolls Royce',
  'Saab',
  'Saturn',
  'Scion',
  'Smart',
  'Subaru',
  'Suzuki',
  'Tesla',
  'Toyota',
  'Volkswagen',
  'Volvo',
] as const;

/** The documented equivalence: case folded, spaces and underscores one and the same. */
function enumKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '_');
}

/** Finds the documented spelling of `value` in `values`, or undefined when AutoComplete has none. */
export function documentedSpelling<const T extends readonly string[]>(values: T, value: string): T[number] | undefined {
  const key = enumKey(value);
  return values.find((candidate) => enumKey(candidate) === key);
}
