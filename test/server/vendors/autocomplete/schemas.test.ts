/**
 * The seed's example answers and models parse with the client's schemas,
 * in the spelling the reference prints, so a real AutoComplete answer shaped
 * like its documentation is never mistaken for a malformed one.
 */
import { describe, expect, it } from 'vitest';
import { fromCreatedPerson } from '../../../../server/vendors/autocomplete/map.ts';
import {
  Address,
  DriversLicense,
  Email,
  ErrorBody,
  Flow,
  PeopleList,
  Person,
  PersonRecord,
  PersonSubmission,
  PhoneNumber,
  Policy,
  Source,
  Vehicle,
} from '../../../../server/vendors/autocomplete/schemas.ts';
import { fullSubmission, minimumSubmission, models, sampleError, sampleResponse } from './seed-examples.ts';

describe('AutoComplete schemas and the seed examples', () => {
  it('parse the sample response of POST /people', () => {
    expect(PersonRecord.parse(sampleResponse)).toEqual(sampleResponse);
  });

  it('parse the sample error', () => {
    expect(ErrorBody.parse(sampleError)).toEqual(sampleError);
  });

  it.each([
    ['PhoneNumber', PhoneNumber, models.phoneNumber],
    ['Email', Email, models.email],
    ['parsed Address', Address, models.parsedAddress],
    ['unparsed Address', Address, models.unparsedAddress],
    ['DriversLicense', DriversLicense, models.driversLicense],
    ['Policy', Policy, models.policy],
    ['Flow', Flow, models.flow],
    ['CDK Source', Source, models.cdkSource],
    ['DealerTrack Source', Source, models.dealertrackSource],
  ] as const)('parse the %s example unchanged', (_name, schema, example) => {
    expect(schema.parse(example)).toEqual(example);
  });

  it('parse the Vehicle example, its null finance_duration read as not given', () => {
    const { finance_duration: _null, ...rest } = models.vehicle;
    expect(Vehicle.parse(models.vehicle)).toEqual(rest);
  });

  it('parse both sample submissions as a Person and as a POST /people body', () => {
    for (const example of [fullSubmission, minimumSubmission]) {
      expect(Person.parse(example)).toEqual(example);
      expect(PersonSubmission.parse(example)).toEqual(example);
    }
  });

  it('read a GET /people answer as a bare list or in an envelope', () => {
    const people = [{ ...sampleResponse }];
    expect(PeopleList.parse(people)).toEqual(people);
    expect(PeopleList.parse({ people })).toEqual(people);
    expect(PeopleList.parse({ data: people })).toEqual(people);
    expect(PeopleList.safeParse({ results: 'none' }).success).toBe(false);
  });

  it('refuse an answer without the flow link', () => {
    expect(PersonRecord.safeParse({ id: 'p1', first_name: 'Jon' }).success).toBe(false);
  });

  it('leave a flow link that is not one to the link rule: the person exists, so it is not an answer to ask again for', () => {
    const answer = PersonRecord.parse({ ...sampleResponse, flow: { flow_identifier: 'x', flow_url: 'not a url' } });
    expect(fromCreatedPerson(answer, 'live')).toMatchObject({ personId: answer.id, refused: { reason: 'it is not a URL' } });
    expect(fromCreatedPerson(PersonRecord.parse(sampleResponse), 'live')).toEqual({
      personId: sampleResponse.id,
      flowUrl: sampleResponse.flow.flow_url,
    });
  });
});
