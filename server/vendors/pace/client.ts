/**
 * The HTTP client of PACE's documented API: underwriting lookups, quote
 * rating, and quote and policy info. Every answer is parsed with the schemas
 * in schemas.ts; every failure is a VendorError. PACE says "not found" for a
 * missing record with a 400, so record lookups turn that one answer into
 * kind `not_found` for callers to tell apart from a refused request.
 */

import type { z } from 'zod';
import type { DecodedVehicle } from '../../../contract/index.ts';
import { VendorError } from '../shared/errors.ts';
import { type ErrorMessageReader, VendorHttp, type VendorRequest } from '../shared/http.ts';
import type { PaceConfig, PaceProgram } from './config.ts';
import { toPacePathDate } from './dates.ts';
import { toDecodedVehicle } from './map.ts';
import {
  PaceCoverages,
  PaceDriverSummaries,
  PaceErrorBody,
  PaceNames,
  PacePolicyInfo,
  PacePolicyInfos,
  PaceQuoteInfo,
  PaceQuoteInfos,
  type PaceRateRequest,
  PaceRateResponse,
  PaceRatingCoverages,
  PaceVehicleSummaries,
  PaceVinLookup,
  PaceVinLookups,
  PaceYears,
} from './schemas.ts';

const PACE = 'PACE';

/** PACE's message list, joined: it is written for people and never echoes the API key. */
const readPaceError: ErrorMessageReader = (body) => {
  const parsed = PaceErrorBody.safeParse(body);
  return parsed.success && parsed.data.message.length > 0 ? parsed.data.message.join('; ') : undefined;
};

export type PaceClientOptions = {
  /** Retries of lookups (GETs and the read-only email searches); tests pass 0 or a short backoff. */
  retries?: number;
  backoffLimitMs?: number;
};

type RecordKind = 'quote' | 'policy';

const segment = (value: string | number) => encodeURIComponent(String(value));

export class PaceClient {
  readonly #http: VendorHttp;
  readonly #headers: Record<string, string>;

  constructor(
    private readonly config: PaceConfig,
    options: PaceClientOptions = {},
  ) {
    this.#http = new VendorHttp(
      {
        vendor: PACE,
        baseUrl: config.baseUrl,
        timeoutMs: config.timeoutMs,
        retries: options.retries,
        backoffLimitMs: options.backoffLimitMs,
      },
      readPaceError,
    );
    this.#headers = { 'pace-api-key': config.apiKey };
  }
  /** The program this client rates in (PACE_MGA_NAME and the rest of PACE_*): what the quote and lookup journeys ask for. */
  get program(): PaceProgram {
    return this.config.program;
  }

  #get<S extends z.ZodType>(schema: S, path: string, request: VendorRequest = {}) {
    return this.#http.request(schema, path, { ...request, headers: this.#headers });
  }

  // ------------------------------------------------------------ lookups

  #vinPath(state: string) {
    return `/api/v1/underwriting/lookups/vin/${segment(state)}`;
  }

  /** Model years PACE rates in `state`. */
  async years(state: string): Promise<number[]> {
    const years = await this.#get(PaceYears, `${this.#vinPath(state)}/years`);
    return years.filter((y): y is number => y !== null);
  }

  makes(state: string, year: number): Promise<string[]> {
    return this.#get(PaceNames, `${this.#vinPath(state)}/year/${segment(year)}/makes`);
  }

  models(state: string, year: number, make: string): Promise<string[]> {
    return this.#get(PaceNames, `${this.#vinPath(state)}/year/${segment(year)}/make/${segment(make)}/models`);
  }

  bodyStyles(state: string, year: number, make: string, model: string): Promise<string[]> {
    return this.#get(PaceNames, `${this.#vinPath(state)}/year/${segment(year)}/make/${segment(make)}/model/${segment(model)}/bodystyles`);
  }

  /** The VIN patterns (squish VINs) of one body style. */
  vins(state: string, year: number, make: string, model: string, bodyStyle: string) {
    return this.#get(
      PaceVinLookups,
      `${this.#vinPath(state)}/year/${segment(year)}/make/${segment(make)}/model/${segment(model)}/bodystyle/${segment(bodyStyle)}/vins`,
    );
  }

  /** PACE's answer for a VIN (its `vin` is the squish VIN), in the configured program. */
  vehicleByVin(state: string, vin: string) {
    return this.#get(PaceVinLookup, `${this.#vinPath(state)}/${segment(this.config.program.mgaName)}/vehicle/${segment(vin)}`);
  }

  /**
   * The VIN decoded into our DecodedVehicle, warning when its check digit does
   * not match, and `unacceptable` (in plain words) when the program does not write it.
   */
  async decodeVin(state: string, vin: string): Promise<DecodedVehicle> {
    const decoded = toDecodedVehicle(vin, await this.vehicleByVin(state, vin), { carrierName: this.config.program.carrierName });
    if (!decoded) throw new VendorError(PACE, 'not_found', `could not identify the vehicle of VIN ${vin}`);
    return decoded;
  }

  /** Coverage options in `state`, for an effective date (YYYY-MM-DD) or, without one, today. */
  coverages(state: string, effectiveDate?: string) {
    const path = `/api/v1/underwriting/lookups/coverages/${segment(state)}`;
    return this.#get(PaceRatingCoverages, effectiveDate ? `${path}/date/${segment(toPacePathDate(effectiveDate))}` : path);
  }

  // -------------------------------------------------------------- rating

  /** Rates a quote. Never retried: each call creates a quote in PACE. */
  rateQuote(request: PaceRateRequest) {
    return this.#http.request(PaceRateResponse, '/api/v1/quote/rate', {
      method: 'POST',
      headers: this.#headers,
      json: request,
      idempotent: false,
    });
  }

  // ---------------------------------------------------- quotes and policies

  /** Record lookups: PACE answers a missing record with 400 "... not found", which becomes kind not_found. */
  async #record<S extends z.ZodType>(schema: S, path: string, request: VendorRequest = {}): Promise<z.output<S>> {
    try {
      return await this.#get(schema, path, request);
    } catch (error) {
      if (error instanceof VendorError && error.kind === 'rejected' && error.details.status === 400) {
        const said = error.message.replace(`${PACE}: `, '');
        if (/not found|^No .* found/i.test(said)) throw new VendorError(PACE, 'not_found', said, error.details);
      }
      throw error;
    }
  }

  #byEmail<S extends z.ZodType>(schema: S, kind: RecordKind, email: string) {
    // A search: safe to repeat, so it is retried like a GET.
    return this.#record(schema, `/api/v1/${kind}/info/email`, { method: 'POST', json: { emailAddress: email }, idempotent: true });
  }

  quoteInfo(policyNumber: string) {
    return this.#record(PaceQuoteInfo, `/api/v1/quote/${segment(policyNumber)}/info`);
  }

  quoteInfoByEmail(email: string) {
    return this.#byEmail(PaceQuoteInfos, 'quote', email);
  }

  policyInfo(policyNumber: string) {
    return this.#record(PacePolicyInfo, `/api/v1/policy/${segment(policyNumber)}/info`);
  }

  policyInfoByEmail(email: string) {
    return this.#byEmail(PacePolicyInfos, 'policy', email);
  }

  drivers(kind: RecordKind, policyNumber: string) {
    return this.#record(PaceDriverSummaries, `/api/v1/${kind}/${segment(policyNumber)}/drivers`);
  }

  vehicles(kind: RecordKind, policyNumber: string) {
    return this.#record(PaceVehicleSummaries, `/api/v1/${kind}/${segment(policyNumber)}/vehicles`);
  }

  recordCoverages(kind: RecordKind, policyNumber: string) {
    return this.#record(PaceCoverages, `/api/v1/${kind}/${segment(policyNumber)}/coverages`);
  }
}
