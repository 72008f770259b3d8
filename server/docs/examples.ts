/**
 * An example for every request and response body the OpenAPI document
 * describes, all about one household: the Walshes of CoverHound's own sample
 * request (shared/seeds/coverhound-quotes-api.txt), John and Janet, one car,
 * one accident, in San Francisco. Each is typed by the contract, so a change of
 * shape fails to compile here, and test/server/docs/openapi-examples.test.ts
 * validates each against the schema it sits beside in the served document.
 * A new operation adds its examples to operationExamples() under its
 * operationId (or sets `example` on its media type in the route itself).
 */
import {
  addDays,
  type ConnectionCreated,
  type ConnectionPolicies,
  type CoverageOptions,
  type CreateResumeLinkBody,
  type CreateSessionBody,
  type DecodedVehicle,
  type ErrorBody,
  type ErrorCode,
  type Place,
  type Policy,
  type PolicyLookupBody,
  type PolicyLookupResult,
  type Quote,
  type QuoteRequestAccepted,
  type QuoteRequestBody,
  type QuoteRequestState,
  type QuoteRequirements,
  RESUME_PARAMETER,
  type RefreshKeyCreated,
  type RefreshSessionBody,
  type ResumeLinkCreated,
  type ResumeSessionBody,
  type SandboxLoginBody,
  type SessionCreated,
  type SessionInfo,
  type SessionTokenRenewed,
  type Submission,
  type SubmissionBody,
  type SubmissionCreated,
  type SubmissionPage,
  usToday,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookEndpointBody,
  withCheckDigit,
} from '../../contract/index.ts';
import { disclosure } from '../submissions/disclosures.ts';
import { AUTOCOMPLETE_NEEDS } from '../vendors/autocomplete/needs.ts';
import { COVERHOUND_NEEDS } from '../vendors/coverhound/needs.ts';

const at = '2026-05-01T12:00:00.000Z';
const later = '2026-05-01T12:15:00.000Z';
const ids = {
  session: 'ses_Xw0d3kqT2mB7c9L1pQe5vA',
  quoteRequest: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA',
  submission: 'sub_4cW2m0E8Yw9cQ7b3n5q1sA',
  connection: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA',
  endpoint: 'we_8kQ2m0E8Yw9cQ7b3n5q1sA',
  resumeCode: 'rsm_9fK2m0E8Yw9cQ7b3n5q1sA',
  refreshKey: 'rfk_2Qw8m0E8Yw9cQ7b3n5q1sZ',
};
const TOKEN = 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzZXNfWHcwZDNrcVQybUI3YzlMMXBRZTV2QSJ9.c2lnbmF0dXJl';
const VIN = withCheckDigit('1FMDU63K03UA00001');

/** The Walsh household, asking for cover from a month after the document was built (effective dates must be ahead). */
function walshHousehold(): QuoteRequestBody {
  const effectiveDate = addDays(usToday(), 30);
  return {
    effectiveDate,
    contact: { email: 'john.walsh@example.com', phone: '+15558675309', smsConsent: false },
    address: { line1: '1 California St', line2: '#1100', city: 'San Francisco', state: 'CA', postalCode: '94111' },
    residence: { ownership: 'own', type: 'condo' },
    drivers: [
      {
        firstName: 'John',
        middleName: 'Trevor',
        lastName: 'Walsh',
        dateOfBirth: '1975-05-01',
        gender: 'male',
        maritalStatus: 'married',
        relationship: 'self',
        education: 'high_school',
        employment: 'student',
        goodStudent: true,
        sr22: false,
        license: { state: 'CA', status: 'valid', ageFirstLicensed: 16 },
        primaryVehicle: 0,
      },
      {
        firstName: 'Janet',
        lastName: 'Walsh',
        dateOfBirth: '1978-12-25',
        gender: 'female',
        maritalStatus: 'married',
        relationship: 'spouse',
        education: 'some_high_school',
        employment: 'employed',
        occupationIndustry: 'Art/Design/Media',
        occupation: 'Actor',
        sr22: false,
        license: { state: 'CA', status: 'valid', ageFirstLicensed: 20 },
        livesWithApplicant: true,
      },
    ],
    vehicles: [
      {
        vin: VIN,
        year: 2003,
        make: 'Ford',
        model: 'Explorer',
        ownership: 'owned',
        use: 'commute',
        annualMileage: 10_000,
        commuteMilesOneWay: 9,
        commuteDaysPerWeek: 5,
        commutesToNyNj: false,
        primaryDriver: 0,
      },
    ],
    incidents: [{ type: 'accident', description: 'At fault (less than $750 damage)', date: '2010-09-01', driver: 0 }],
    priorInsurance: {
      carrier: 'Other',
      monthsInsured: 24,
      expirationDate: addDays(effectiveDate, -1),
      bodilyInjuryLimitsCents: { perPerson: 10_000_000, perAccident: 30_000_000 },
    },
    coverage: {
      bodilyInjuryCents: { perPerson: 1_500_000, perAccident: 3_000_000 },
      propertyDamageCents: 500_000,
      medicalPaymentsCents: 500_000,
      uninsuredMotoristCents: { perPerson: 1_500_000, perAccident: 3_000_000 },
      vehicles: [{ comprehensiveDeductibleCents: null, collisionDeductibleCents: null }],
    },
  };
}

const pricedQuote = (applicant: QuoteRequestBody): Quote => ({
  id: `${ids.quoteRequest}.coverhound.ESRNC`,
  vendor: 'coverhound',
  carrierCode: 'ESRNC',
  carrierName: 'Esurance',
  status: 'complete',
  termMonths: 6,
  payPlans: [
    { name: 'Paid in full', downPaymentCents: 48_200, installmentCents: 0, installments: 0, totalPremiumCents: 48_200 },
    { name: 'Monthly', downPaymentCents: 9_640, installmentCents: 8_035, installments: 5, totalPremiumCents: 49_815 },
  ],
  price: {
    termMonths: 6,
    totalCents: 48_200,
    downPaymentCents: 9_640,
    monthlyCents: 8_035,
    installments: 5,
    monthlyTotalCents: 49_815,
  },
  coverage: applicant.coverage,
  purchaseUrl: 'https://www.coverhound.com/purchase/ESRNC/4f1b7e',
  purchasePhone: '+18005550199',
});

const declinedQuote: Quote = {
  id: `${ids.quoteRequest}.pace.PACE`,
  vendor: 'pace',
  carrierCode: 'PACE',
  carrierName: 'Pace Mutual',
  status: 'declined',
  messageCode: 'declined_for_profile',
  message: 'This insurer does not offer cover for these answers',
  vendorMessage: 'Risk does not meet underwriting guidelines: at-fault accident within program lookback',
};

const vendors: QuoteRequestAccepted['vendors'] = [
  { vendor: 'coverhound', status: 'complete', carriersAsked: 3 },
  { vendor: 'pace', status: 'complete', carriersAsked: 1 },
];

const policy: Policy = {
  id: 'pol_2hF8kQ0wZr5Tn1XcVb7mLA',
  issuer: 'geico',
  policyNumber: '4417-22-881',
  type: 'auto',
  active: true,
  effectiveDate: '2026-01-15',
  expirationDate: '2026-07-15',
  premiumCents: 61_200,
  holder: { firstName: 'John', lastName: 'Walsh', dateOfBirth: '1975-05-01' },
  drivers: [
    { firstName: 'John', lastName: 'Walsh', dateOfBirth: '1975-05-01', licenseState: 'CA', relationship: 'self' },
    { firstName: 'Janet', lastName: 'Walsh', dateOfBirth: '1978-12-25', licenseState: 'CA', relationship: 'spouse' },
  ],
  vehicles: [{ vin: VIN, year: 2003, make: 'Ford', model: 'Explorer' }],
  coverages: [
    { type: 'bodily_injury', name: 'Bodily Injury Liability', perPersonLimitCents: 10_000_000, perAccidentLimitCents: 30_000_000 },
    { type: 'property_damage', name: 'Property Damage Liability', limitCents: 5_000_000 },
    { type: 'collision', name: 'Collision', deductibleCents: 50_000, vehicle: 0 },
  ],
};

const ERROR_MESSAGES: Record<number, [ErrorCode, string]> = {
  400: ['validation_failed', 'Some fields need attention'],
  401: ['unauthorized', 'A valid token or key is required'],
  403: ['forbidden', 'This token cannot be used from this page origin'],
  404: ['not_found', 'Not found'],
  409: ['conflict', 'This Idempotency-Key was used with another body'],
  410: ['resume_link_used', 'This resume link was already opened: each opens once'],
  413: ['payload_too_large', 'The request body is larger than 256 KB'],
  415: ['unsupported_media_type', 'Send the body as JSON (Content-Type: application/json)'],
  429: ['rate_limited', 'Too many requests from this address; try again in a minute'],
  500: ['internal', 'Something went wrong on our side; it has been logged'],
  502: ['vendor_failed', "The insurer's system cannot answer right now; please try again shortly"],
  503: ['unavailable', 'The database does not answer'],
  504: ['vendor_timeout', "The insurer's system did not answer in time; please try again"],
};

/** The error body of each status, as the server words it. */
export const ERROR_EXAMPLES: Record<number, ErrorBody> = Object.fromEntries(
  Object.entries(ERROR_MESSAGES).map(([status, [code, message]]) => [
    status,
    {
      error:
        status === '400'
          ? { code, message, fields: { 'drivers.0.dateOfBirth': ['Date of birth must be a date like 1986-12-26'] } }
          : { code, message },
    },
  ]),
);

type OperationExamples = { request?: unknown } & { [status: number]: unknown };

/** By operationId: the request body's example and each success status's. */
export function operationExamples(): Record<string, OperationExamples> {
  const applicant = walshHousehold();
  const quote = pricedQuote(applicant);
  const consentShown = disclosure('Acme Motors', 'en');
  if (!consentShown) throw new Error('the current disclosure has no English wording');
  const submissionBody: SubmissionBody = {
    applicant,
    quoteRequestId: ids.quoteRequest,
    selectedQuoteId: quote.id,
    contactConsent: true,
    consent: {
      disclosureVersion: consentShown.version,
      locale: 'en',
      checked: true,
      pageUrl: 'https://dealer.example/inventory/ford-explorer',
    },
  };
  const created: SubmissionCreated = {
    submissionId: ids.submission,
    reference: '7KQ2-M9XD',
    flowUrl: 'https://shop.autocomplete.example/flow/9f2c1e',
    status: 'delivered',
  };
  const submission: Submission = {
    ...created,
    sessionId: ids.session,
    externalRef: 'deal-42',
    createdAt: at,
    body: submissionBody,
    selectedQuote: quote,
    quotes: [quote, declinedQuote],
    consent: {
      method: 'disclosure',
      disclosureVersion: consentShown.version,
      locale: 'en',
      checkboxLabel: consentShown.checkboxLabel,
      text: consentShown.text,
      checked: true,
      agreedAt: at,
      pageUrl: 'https://dealer.example/inventory/ford-explorer',
      ipAddress: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    },
    deliveries: [
      { target: 'autocomplete', status: 'delivered', attempts: 1, deliveredAt: at, vendorIds: { personId: 'p_7781' } },
      { target: 'agencyzoom', status: 'delivered', attempts: 1, deliveredAt: at, vendorIds: { leadId: 1001, leadQuoteId: 5001 } },
    ],
  };
  const session: SessionCreated = {
    sessionId: ids.session,
    sessionToken: TOKEN,
    expiresAt: later,
    sessionExpiresAt: '2026-05-01T16:00:00.000Z',
  };
  const endpoint: WebhookEndpoint = {
    id: ids.endpoint,
    url: 'https://dealer.example/webhooks/coverkit',
    events: ['submission.created', 'submission.delivered', 'submission.delivery_failed'],
    status: 'enabled',
    createdAt: at,
  };
  const attempt: WebhookAttempt = {
    eventId: 'msg_2b7XkQ9mR4tLc8Vn1pZsWA',
    eventType: 'submission.created',
    attemptedAt: at,
    statusCode: 200,
    latencyMs: 84,
    deliveryStatus: 'delivered',
  };

  return {
    createSession: {
      request: {
        prefill: { contact: applicant.contact, address: applicant.address, drivers: [{ firstName: 'John', lastName: 'Walsh' }] },
        products: ['quote', 'connect'],
        origin: 'https://dealer.example',
        externalRef: 'deal-42',
      } satisfies CreateSessionBody,
      201: session,
    },
    createPublicSession: { request: { clientId: 'acme-motors' }, 201: session },
    createResumeLink: {
      request: { pageUrl: 'https://dealer.example/inventory/ford-explorer' } satisfies CreateResumeLinkBody,
      201: {
        url: `https://dealer.example/inventory/ford-explorer?${RESUME_PARAMETER}=${ids.resumeCode}`,
        expiresAt: '2026-05-01T12:10:00.000Z',
        qrSvg:
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 45 45" shape-rendering="crispEdges"><rect width="45" height="45" fill="#fff"/><path fill="#000" d="M4 4h7v1H4z…"/></svg>',
      } satisfies ResumeLinkCreated,
    },
    resumeSession: {
      request: { clientId: 'acme-motors', code: ids.resumeCode } satisfies ResumeSessionBody,
      201: {
        sessionId: ids.session,
        sessionToken: TOKEN,
        expiresAt: later,
        sessionExpiresAt: session.sessionExpiresAt,
      } satisfies SessionCreated,
    },
    createRefreshKey: {
      201: { sessionId: ids.session, refreshKey: ids.refreshKey, sessionExpiresAt: session.sessionExpiresAt } satisfies RefreshKeyCreated,
    },
    refreshSession: {
      request: { refreshKey: ids.refreshKey } satisfies RefreshSessionBody,
      200: {
        sessionId: ids.session,
        sessionToken: TOKEN,
        expiresAt: later,
        sessionExpiresAt: session.sessionExpiresAt,
      } satisfies SessionCreated,
    },
    renewSessionToken: {
      200: { sessionToken: TOKEN, expiresAt: later, sessionExpiresAt: session.sessionExpiresAt } satisfies SessionTokenRenewed,
    },
    getCurrentSession: {
      200: {
        sessionId: ids.session,
        dealer: { name: 'Acme Motors' },
        insurers: [
          { id: 'geico', name: 'GEICO' },
          { id: 'progressive', name: 'Progressive' },
        ],
        products: ['quote', 'connect'],
        prefill: { contact: applicant.contact, address: applicant.address, drivers: [{ firstName: 'John', lastName: 'Walsh' }] },
        externalRef: 'deal-42',
        expiresAt: session.sessionExpiresAt,
      } satisfies SessionInfo,
    },
    getJwks: {
      200: {
        keys: [
          {
            kty: 'EC',
            crv: 'P-256',
            x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
            y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
            kid: 'k1',
            alg: 'ES256',
            use: 'sig',
          },
        ],
      },
    },
    listVehicleYears: { 200: { items: [2027, 2026, 2025, 2024, 2003] } },
    listVehicleMakes: { 200: { items: ['Ford', 'Honda', 'Toyota'] } },
    listVehicleModels: { 200: { items: ['Escape', 'Explorer', 'F-150'] } },
    listVehicleBodyStyles: { 200: { items: ['4D SUV 4WD | V6', '4D SUV RWD | V8'] } },
    listVehicleVinPatterns: { 200: { items: ['1FMDU63K&3'] } },
    findPlace: { 200: { postalCode: '94111', city: 'San Francisco', state: 'CA' } satisfies Place },
    getQuoteRequirements: {
      // The default vendors, with the rules their folders hold (server/vendors/<vendor>/needs.ts).
      200: {
        vendors: [
          { vendor: 'coverhound', name: 'CoverHound', role: 'quotes', fields: [...COVERHOUND_NEEDS] },
          { vendor: 'pace', name: 'PACE', role: 'quotes', fields: [] },
          { vendor: 'autocomplete', name: 'AutoComplete', role: 'delivery', fields: [...AUTOCOMPLETE_NEEDS] },
          { vendor: 'agencyzoom', name: 'AgencyZoom', role: 'delivery', fields: [] },
        ],
      } satisfies QuoteRequirements,
    },
    decodeVin: {
      200: { vin: VIN, year: 2003, make: 'Ford', model: 'Explorer', bodyStyle: '4D SUV 4WD | V6', trim: 'XLT' } satisfies DecodedVehicle,
    },
    listCoverageOptions: {
      200: {
        state: 'CA',
        effectiveDate: applicant.effectiveDate,
        coverages: [
          {
            type: 'bodily_injury',
            code: 'BI',
            name: 'Bodily Injury',
            emptyValue: '',
            options: [
              { value: '15000/30000', label: '15,000/30,000', perPersonCents: 1_500_000, perAccidentCents: 3_000_000 },
              { value: '100000/300000', label: '100,000/300,000', perPersonCents: 10_000_000, perAccidentCents: 30_000_000 },
            ],
          },
          {
            type: 'collision',
            code: 'COLL',
            name: 'Collision',
            emptyValue: 'NONE',
            options: [{ value: '500', label: '$500 deductible', deductibleCents: 50_000 }],
          },
        ],
      } satisfies CoverageOptions,
    },
    findPolicies: {
      request: { policyNumber: '4417-22-881', dateOfBirth: '1975-05-01' } satisfies PolicyLookupBody,
      200: { policies: [{ ...policy, issuer: 'pace' }] } satisfies PolicyLookupResult,
    },
    createQuoteRequest: {
      request: applicant,
      202: {
        id: ids.quoteRequest,
        status: 'pending',
        vendors: vendors.map((v) => ({ ...v, status: 'pending' })),
        // The Walshes answered all CoverHound and PACE need; a driver employed with no occupation would be listed here.
        missing: [],
      } satisfies QuoteRequestAccepted,
    },
    getQuoteRequest: {
      200: {
        id: ids.quoteRequest,
        status: 'complete',
        vendors,
        quotes: [quote, declinedQuote],
        createdAt: at,
        deadlineAt: '2026-05-01T12:00:45.000Z',
      } satisfies QuoteRequestState,
    },
    streamQuoteRequest: {
      200: [
        {
          id: '1',
          event: 'quote',
          data: { id: quote.id, vendor: 'coverhound', carrierCode: 'ESRNC', carrierName: 'Esurance', status: 'pending' },
        },
        { id: '2', event: 'quote', data: quote },
        { id: '3', event: 'quote', data: declinedQuote },
        { id: '4', event: 'done', data: { id: ids.quoteRequest, status: 'complete', quoteCount: 2 } },
      ],
    },
    createConnection: {
      request: { issuerId: 'geico', username: 'user_good', password: 'pass_good' } satisfies SandboxLoginBody,
      201: { connectionId: ids.connection, temporaryAccessKey: TOKEN, expiresAt: later } satisfies ConnectionCreated,
    },
    getConnectionPolicies: {
      200: { status: 'ready', issuer: { id: 'geico', name: 'GEICO' }, policies: [policy] } satisfies ConnectionPolicies,
      202: { status: 'not_ready' },
    },
    getConsentDisclosure: { 200: consentShown },
    createSubmission: { request: submissionBody, 201: created },
    listSubmissions: { 200: { submissions: [submission], hasMore: false, nextSince: at } satisfies SubmissionPage },
    getSubmission: { 200: submission },
    // Asked while AutoComplete's link is still on its way.
    getSessionSubmission: {
      200: {
        submissionId: ids.submission,
        reference: created.reference,
        flowUrlPending: true,
        status: 'delivering',
      } satisfies SubmissionCreated,
    },
    createWebhookEndpoint: {
      request: {
        url: endpoint.url,
        events: ['submission.created', 'submission.delivered', 'submission.delivery_failed'],
      } satisfies WebhookEndpointBody,
      201: { ...endpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    },
    listWebhookEndpoints: { 200: { endpoints: [endpoint] } },
    pingWebhookEndpoint: { 202: { eventId: 'msg_7pQ2m0E8Yw9cQ7b3n5q1sA' } },
    rotateWebhookSecret: {
      200: { id: ids.endpoint, secret: 'whsec_Zx4q1Jd8Yb2Lm7Nc3Vt6Rw9Ks0Pf5Hg1', previousSecretExpiresAt: '2026-05-02T12:00:00.000Z' },
    },
    listWebhookDeliveries: {
      200: {
        deliveries: [
          attempt,
          {
            ...attempt,
            eventId: 'msg_9cR3n1F9Zx0dR8c4o6r2tB',
            attemptedAt: later,
            statusCode: 503,
            latencyMs: 120,
            error: 'The endpoint answered 503',
            deliveryStatus: 'pending',
            nextRetryAt: '2026-05-01T12:20:00.000Z',
          },
        ],
      },
    },
    getHealth: { 200: { status: 'ok' } },
    getReadiness: { 200: { status: 'ok' } },
    getMetrics: {
      200: '# HELP coverkit_quote_streams_open Quote streams open on this process\n# TYPE coverkit_quote_streams_open gauge\ncoverkit_quote_streams_open 2\n',
    },
  };
}
