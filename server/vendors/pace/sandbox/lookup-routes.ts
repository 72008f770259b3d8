/**
 * The underwriting lookups: the vehicle pick-lists, vehicle by VIN, and
 * coverage options by state (and effective date). Every one is answered
 * through the state's rate cycle, so an unwritten state gets the documented
 * "no rate cycle" 400.
 */
import { Hono } from 'hono';
import { usToday } from '../../../../contract/index.ts';
import { fromPaceDate } from '../dates.ts';
import { badRequest, notFound } from './answers.ts';
import { coverageOptions, findRateCycle } from './rate-cycles.ts';
import type { VehicleCatalogue } from './vehicles.ts';

export function lookupRoutes(catalogue: VehicleCatalogue, now: () => Date): Hono {
  const app = new Hono();
  const today = () => usToday(now());
  const vin = new Hono();

  // Every VIN lookup names a state first.
  vin.use('/:state/*', async (c, next) => {
    const state = c.req.param('state');
    if (!findRateCycle(state, today())) return badRequest(`No rate cycle found for state ${state}`);
    return next();
  });

  const year = (value: string) => (/^\d{4}$/.test(value) ? Number(value) : undefined);
  const withYear = (value: string, answer: (y: number) => Response) => {
    const y = year(value);
    return y === undefined ? badRequest(`Invalid year ${value}`) : answer(y);
  };

  vin.get('/:state/years', (c) => c.json(catalogue.years()));
  vin.get('/:state/year/:year/makes', (c) => withYear(c.req.param('year'), (y) => c.json(catalogue.makes(y))));
  vin.get('/:state/year/:year/make/:make/models', (c) =>
    withYear(c.req.param('year'), (y) => c.json(catalogue.models(y, c.req.param('make')))),
  );
  vin.get('/:state/year/:year/make/:make/model/:model/bodystyles', (c) =>
    withYear(c.req.param('year'), (y) => c.json(catalogue.bodyStyles(y, c.req.param('make'), c.req.param('model')))),
  );
  vin.get('/:state/year/:year/make/:make/model/:model/bodystyle/:bodystyle/vins', (c) =>
    withYear(c.req.param('year'), (y) => c.json(catalogue.vins(y, c.req.param('make'), c.req.param('model'), c.req.param('bodystyle')))),
  );

  const vehicleByVin = (mgaName: string, value: string, respond: (body: unknown, headers?: Record<string, string>) => Response) => {
    if (!/^[A-Z0-9_-]+$/.test(mgaName)) return badRequest(`mgaName ${mgaName} is not a program; program names are all capitals`);
    const result = catalogue.decode(value);
    switch (result.outcome) {
      case 'required':
        return badRequest('Vin is required');
      case 'too_short':
        return badRequest('Minimum VIN length is 10 characters');
      case 'undecodable':
        return badRequest(`Unable to decode vin ${value}`);
      case 'no_symbols':
        return notFound(`Unable to find Vehicle Symbols for Vin ${value}`);
      case 'no_symbol_factors':
        return notFound(`Unable to find Symbols Factors for Vin ${value}`);
      case 'decoded':
        // PACE finds the vehicle through the squish VIN, which ignores the check digit; the
        // sandbox also says when it is wrong, in a header, without changing the documented body.
        return respond(
          result.vehicle,
          result.checkDigitValid === false ? { Warning: '199 - "VIN check digit does not match"' } : undefined,
        );
    }
  };
  vin.get('/:state/:mgaName/vehicle/:vin', (c) =>
    vehicleByVin(c.req.param('mgaName'), c.req.param('vin'), (body, headers) => c.json(body, 200, headers)),
  );
  vin.get('/:state/:mgaName/vehicle', (c) => vehicleByVin(c.req.param('mgaName'), '', (body) => c.json(body)));
  vin.get('/:state/:mgaName/vehicle/', (c) => vehicleByVin(c.req.param('mgaName'), '', (body) => c.json(body)));

  app.route('/vin', vin);

  const coverages = (state: string, date: string) => {
    const cycle = findRateCycle(state, date);
    return cycle ? Response.json(coverageOptions(cycle)) : badRequest(`Unable to locate rate cycle with state ${state} and date ${date}`);
  };
  app.get('/coverages/:state', (c) => coverages(c.req.param('state'), today()));
  app.get('/coverages/:state/date/:effectiveDate', (c) => {
    const raw = c.req.param('effectiveDate');
    const date = fromPaceDate(raw);
    return date
      ? coverages(c.req.param('state'), date)
      : badRequest(`Unable to locate rate cycle with state ${c.req.param('state')} and date ${raw}`);
  });

  return app;
}
