/** The contract shared by widget and server: zod schemas and the types inferred from them. */

export * from './applicant.ts';
export * from './connection.ts';
export * from './consent.ts';
export * from './draft.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './links.ts';
export * from './lookup.ts';
export * from './needs.ts';
export * from './policy.ts';
export * from './primitives.ts';
export * from './quote.ts';
export * from './requirements.ts';
export * from './resume.ts';
export * from './session.ts';
export * from './submission.ts';
export * from './vin.ts';
export * from './webhook.ts';
