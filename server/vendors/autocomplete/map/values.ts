/**
 * Our value lists against AutoComplete's, both ways. A missing entry means
 * "no spelling": the mapping then says so instead of picking a neighbour.
 *
 * Where one side has a residual `other` ("none of the listed"), a value the
 * other side has but the receiving list lacks maps to it: that is what the
 * value means there, not a guess. Education is the exception: it is a ladder
 * ("highest level of education achieved") that carriers rate on, and
 * AutoComplete's `other` means a credential off that ladder, so our
 * `some_college` (a rung AutoComplete does not have) has no spelling there:
 * `high_school` would understate what the shopper told us, `other` misstate it.
 */
import type * as ours from '../../../../contract/applicant.ts';
import type * as theirs from '../enums.ts';

type Ours<T extends readonly string[]> = T[number];
type Theirs<T extends readonly string[]> = T[number];

/** Total over the source list (the compiler checks every value was considered), partial over the target. */
type Table<From extends string, To extends string> = Record<From, To | undefined>;

export const GENDER: Table<Ours<typeof ours.GENDERS>, Theirs<typeof theirs.GENDERS>> = {
  male: 'male',
  female: 'female',
  non_binary: 'non_binary',
};

export const MARITAL_STATUS: Table<Ours<typeof ours.MARITAL_STATUSES>, Theirs<typeof theirs.MARITAL_STATUSES>> = {
  single: 'single',
  married: 'married',
  divorced: 'other',
  separated: 'other',
  widowed: 'other',
  domestic_partner: 'other',
};

export const RELATIONSHIP: Table<Ours<typeof ours.RELATIONSHIPS>, Theirs<typeof theirs.RELATIONSHIPS>> = {
  // The applicant is the Person itself, never one of its related people.
  self: undefined,
  spouse: 'spouse',
  domestic_partner: 'other',
  child: 'child',
  parent: 'parent',
  sibling: 'sibling',
  other: 'other',
};

export const EDUCATION: Table<Ours<typeof ours.EDUCATION_LEVELS>, Theirs<typeof theirs.EDUCATION_LEVELS>> = {
  // Our lowest rung and theirs name the same people: no high-school diploma.
  some_high_school: 'no_high_school_diploma',
  high_school: 'high_school',
  vocational_certificate: 'vocational_certificate',
  some_college: undefined,
  associates: 'associates',
  bachelors: 'bachelors',
  masters: 'masters',
  law_school: 'law_school',
  medical_school: 'medical_school',
  doctorate: 'doctorate',
  other: 'other',
};

export const EMPLOYMENT: Table<Ours<typeof ours.EMPLOYMENT_STATUSES>, Theirs<typeof theirs.EMPLOYMENT_STATUSES>> = {
  employed: 'employed',
  unemployed: 'unemployed',
  student: 'student',
  retired: 'retired',
  // AutoComplete's list has no `other` to take these.
  disabled: undefined,
  homemaker: undefined,
};

export const LICENSE_STATUS: Table<Ours<typeof ours.LICENSE_STATUSES>, Theirs<typeof theirs.LICENSE_STATUSES>> = {
  valid: 'active',
  expired: 'expired',
  suspended: 'suspended',
  revoked: 'revoked',
  permit: undefined,
  not_licensed: undefined,
};

export const VEHICLE_USE: Table<Ours<typeof ours.VEHICLE_USES>, Theirs<typeof theirs.VEHICLE_USES>> = {
  // AutoComplete lists `work` beside `business`: driving to and from work.
  commute: 'work',
  pleasure: 'pleasure',
  business: 'business',
  school: 'school',
  farm: 'agricultural',
};

export const VEHICLE_OWNERSHIP: Table<Ours<typeof ours.VEHICLE_OWNERSHIPS>, Theirs<typeof theirs.VEHICLE_OWNERSHIP_TYPES>> = {
  owned: 'owned',
  financed: 'financed',
  leased: 'leased',
};

export const RESIDENCE_OWNERSHIP: Table<Ours<typeof ours.RESIDENCE_OWNERSHIPS>, Theirs<typeof theirs.RESIDENCE_OWNERSHIP_TYPES>> = {
  own: 'own',
  rent: 'rent',
};

/** The reverse of a table, for reading AutoComplete's values; `extra` adds theirs that have no counterpart above. */
export function reverse<From extends string, To extends string>(
  table: Table<From, To>,
  targets: readonly To[],
  extra: Partial<Record<To, From>> = {},
): Table<To, From> {
  const reversed = Object.fromEntries(targets.map((target) => [target, undefined])) as Table<To, From>;
  for (const [from, to] of Object.entries(table) as [From, To | undefined][]) {
    // Only one-to-one pairs reverse: `other` on their side stands for several of ours.
    if (to !== undefined && Object.values(table).filter((value) => value === to).length === 1) reversed[to] = from;
  }
  return { ...reversed, ...extra };
}
