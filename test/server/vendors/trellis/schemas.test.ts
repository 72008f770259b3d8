/**
 * Every example the seed prints parses with the client's schemas, quirks and
 * all, and the documented error bodies read as one-line messages.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readTrellisError } from '../../../../server/vendors/trellis/client.ts';
import {
  AcceptedResponse,
  ErrorDetails,
  NotFoundResponse,
  PoliciesAnswer,
  SuccessfulResponse,
  TrellisAddress,
  TrellisAutoCoverage,
  TrellisDiscount,
  TrellisDocument,
  TrellisErrorBody,
  TrellisFinancialResponsibilityCase,
  TrellisHouseholdMember,
  TrellisIncident,
  TrellisMortgage,
  TrellisName,
  TrellisOperator,
  TrellisPolicy,
  TrellisProperty,
  TrellisPropertyCoverage,
  TrellisVehicle,
} from '../../../../server/vendors/trellis/schemas.ts';
import { seedExample } from './harness.ts';

describe('seed examples parse with the client schemas', () => {
  const cases: [string, z.ZodType][] = [
    ['response-200-ready', SuccessfulResponse],
    ['response-200-ready', PoliciesAnswer],
    ['response-202-not-ready', AcceptedResponse],
    ['response-202-not-ready', PoliciesAnswer],
    ['response-401', TrellisErrorBody],
    ['response-403', TrellisErrorBody],
    ['response-404-no-policies', NotFoundResponse],
    ['schema-address', TrellisAddress],
    ['schema-personal-auto-coverage', TrellisAutoCoverage],
    ['schema-property-coverage', TrellisPropertyCoverage],
    ['schema-common-discount', TrellisDiscount],
    ['schema-personal-auto-discount', TrellisDiscount],
    ['schema-property-discount', TrellisDiscount],
    ['schema-document', TrellisDocument],
    ['schema-mortgage', TrellisMortgage],
    ['schema-financial-responsibility-case', TrellisFinancialResponsibilityCase],
    ['schema-error-details', ErrorDetails],
    ['schema-household-member', TrellisHouseholdMember],
    ['schema-incident', TrellisIncident],
    ['schema-name', TrellisName],
    ['schema-operator', TrellisOperator],
    ['schema-property', TrellisProperty],
    ['schema-policy', TrellisPolicy],
    ['schema-vehicle', TrellisVehicle],
    ['schema-successful-response', SuccessfulResponse],
    ['schema-accepted-response', AcceptedResponse],
    ['schema-not-found-response', NotFoundResponse],
  ];
  it.each(cases)('%s', (name, schema) => {
    const result = schema.safeParse(seedExample(name));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('reads the numbers the 200 example sends where the tables say string as strings', () => {
    const answer = SuccessfulResponse.parse(seedExample('response-200-ready'));
    const auto = answer.policies![0]!;
    expect(auto.vehicles![0]!.year).toBe('2015');
    expect(auto.policyHolder!.address!.zip).toBe('94111');
    expect(auto.operators![0]!.financialResponsibilityCases![0]!.caseNumber).toBe('331476039');
    expect(auto.vehicles![0]!.type).toBeNull();
  });

  it('keeps the 200 and 202 answers apart by status', () => {
    expect(PoliciesAnswer.parse(seedExample('response-202-not-ready')).status).toBe('NOT_READY');
    expect(PoliciesAnswer.parse(seedExample('response-200-ready')).status).toBe('READY');
    expect(PoliciesAnswer.safeParse({ status: 'MAYBE' }).success).toBe(false);
    expect(SuccessfulResponse.safeParse({ status: 'READY', policies: [{ premiumCents: 'lots' }] }).success).toBe(false);
  });
});

describe('readTrellisError', () => {
  it('reads the bare-string 401 and 403 bodies', () => {
    expect(readTrellisError(seedExample('response-401'), 401)).toBe('Unauthorized.');
    expect(readTrellisError(seedExample('response-403'), 403)).toBe('insufficient access to retrieve policies for requested account');
  });

  it('prefers errorMessage, then errorType, then message, with errorType as the code', () => {
    expect(readTrellisError(seedExample('schema-not-found-response'), 404)).toEqual({
      message: 'The issuer or Trellis was experiencing technical difficulties.',
      code: 'ACCOUNT_NOT_FOUND',
    });
    expect(readTrellisError({ status: 'READY', error: { errorType: 'ACCOUNT_NOT_FOUND' } }, 404)).toEqual({
      message: 'ACCOUNT_NOT_FOUND',
      code: 'ACCOUNT_NOT_FOUND',
    });
    expect(readTrellisError({ message: 'SOMETHING' }, 400)).toBe('SOMETHING');
  });

  it('gives NO_POLICIES_FOUND as the code, so nothing has to compare messages', () => {
    expect(readTrellisError(seedExample('response-404-no-policies'), 404)).toEqual({
      message: 'NO_POLICIES_FOUND',
      code: 'NO_POLICIES_FOUND',
    });
  });

  it('says nothing about a body it does not know, and caps long text', () => {
    expect(readTrellisError(undefined, 500)).toBeUndefined();
    expect(readTrellisError([1, 2], 500)).toBeUndefined();
    expect(readTrellisError('x'.repeat(5_000), 400)).toHaveLength(200);
  });
});
