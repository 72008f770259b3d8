/**
 * The occupation industries a shopper picks from. PACE lists them
 * (occupationGroupOptions, less the groups that are an employment status:
 * unemployed, student, retired, homemaker, "Data Not Collected"), and CoverHound takes the
 * same ACORD industry names (its own example sends "Art/Design/Media").
 */
export const OCCUPATION_INDUSTRIES = [
  'Agriculture/Forestry/Fishing',
  'Art/Design/Media',
  'Banking/Finance/Real Estate',
  'Business/Sales/Office',
  'Construction/Energy/Mining',
  'Education/Library',
  'Engineer/Architect/Science/Math',
  'Food Service/Hotel Services',
  'Government/Military',
  'Information Technology',
  'Insurance',
  'Legal/Law Enforcement/Security',
  'Medical/Social Services/Religion',
  'Personal Care/Service',
  'Production/Manufacturing',
  'Repair/Maintenance/Grounds',
  'Sports/Recreation',
  'Travel/Transportation/Storage',
] as const;
