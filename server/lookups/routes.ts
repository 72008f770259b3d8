/**
 * Lookups for the widget, two routers for app.ts to mount: vehicle and
 * coverage pick-lists at /v1/lookups (catalogue-routes.ts) and finding an
 * existing quote or policy at /v1/policy-lookups (policy-routes.ts), both
 * answered by PACE.
 */
import type { AuthDeps } from '../auth/middleware.ts';
import type { Vendors } from '../vendors/index.ts';
import { CATALOGUE_CACHE_DEFAULTS, Catalogue, type CatalogueCacheOptions } from './catalogue.ts';
import { catalogueRoutes } from './catalogue-routes.ts';
import { EqualTiming, type EqualTimingOptions } from './equal-timing.ts';
import { PolicyLookups } from './policy-lookup.ts';
import { POLICY_LOOKUP_LIMITS, type PolicyLookupLimits, policyLookupRoutes } from './policy-routes.ts';

export type LookupDeps = AuthDeps & { vendors: Pick<Vendors, 'pace'> };

export type LookupOptions = {
  cache?: CatalogueCacheOptions;
  limits?: PolicyLookupLimits;
  timing?: EqualTimingOptions;
};

export function lookupRoutes(deps: LookupDeps, options: LookupOptions = {}) {
  const { pace } = deps.vendors;
  const catalogue = new Catalogue(pace, pace.program, options.cache ?? CATALOGUE_CACHE_DEFAULTS);
  const policyLookups = new PolicyLookups(pace, pace.program, new EqualTiming(options.timing));
  return {
    catalogue: catalogueRoutes({ ...deps, catalogue }),
    policyLookups: policyLookupRoutes({ ...deps, policyLookups, limits: options.limits ?? POLICY_LOOKUP_LIMITS }),
  };
}
