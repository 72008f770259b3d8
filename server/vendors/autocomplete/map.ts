/**
 * Our canonical model ⇄ AutoComplete's Person. The two directions live in
 * map/: to-person.ts for delivering a submission, from-created.ts for what its
 * answer gives back (the shopping link, checked), to-prefill.ts for reading a
 * dealer's DMS export into a session pre-fill.
 */
export { fromCreatedPerson } from './map/from-created.ts';
export { type ToPersonOptions, toAutoCompletePerson } from './map/to-person.ts';
export { personToPrefill } from './map/to-prefill.ts';
