/**
 * Our canonical model ⇄ AutoComplete's Person. The two directions live in
 * map/: to-person.ts for delivering a submission, to-prefill.ts for reading a
 * dealer's DMS export into a session pre-fill.
 */
export { type ToPersonOptions, toAutoCompletePerson } from './map/to-person.ts';
export { personToPrefill } from './map/to-prefill.ts';
