/** Sessions: what a dealer creates so one shopper can use the widget for a while. */
import { z } from 'zod';
import { Prefill } from './applicant.ts';
import { resourceId, storableString, text } from './primitives.ts';

/** The journeys a session may open; a dealer can narrow them per session. */
export const PRODUCTS = ['quote', 'connect', 'lookup'] as const;
export const Product = z.enum(PRODUCTS, { error: `Product must be one of: ${PRODUCTS.join(', ')}` });

/** A web origin: scheme, host and optional port, nothing else. */
export const Origin = storableString('Origin', 'Origin must be like https://dealer.example')
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
      } catch {
        return false;
      }
    },
    { error: 'Origin must be a scheme and host like https://dealer.example, with no path or trailing slash' },
  )
  .meta({ format: 'uri', example: 'https://dealer.example' });

export const ClientId = storableString('clientId').regex(/^[a-z0-9][a-z0-9_-]{2,63}$/, {
  error: 'clientId must be 3-64 lower-case letters, digits, - or _',
});

export const CreateSessionBody = z.strictObject(
  {
    prefill: Prefill.optional(),
    products: z.array(Product).min(1, { error: 'Choose at least one product' }).optional(),
    /** Bind the session to the one page origin that will use it. */
    origin: Origin.optional(),
    /** The dealer's own reference (lead or deal id), returned with submissions. */
    externalRef: text('externalRef', 200).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : undefined) },
);

export const PublicSessionBody = z.object({ clientId: ClientId }).meta({ id: 'PublicSessionRequest' });

export const SessionId = resourceId('Session id', 'ses_3Ue2B0rQk7Yd9ZsVq1xLhA');

export const SessionCreated = z
  .object({
    sessionId: z.string(),
    sessionToken: z.string(),
    /** When this token expires (at most 15 minutes): renew it before then with POST /v1/session/token. */
    expiresAt: z.iso.datetime(),
    /** When the session itself ends (its absolute lifetime, 4 hours by default): no token of it lasts longer. */
    sessionExpiresAt: z.iso.datetime(),
    /** Fields of `prefillPerson` that have no place in the pre-fill (by their Person path), so nothing is dropped silently. */
    prefillUnmapped: z.array(z.string()).optional(),
  })
  .meta({ id: 'SessionCreated' });

/** An insurer the shopper can sign in to, to read their policies: its id as Trellis names it, and the name shoppers know. */
export const Insurer = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Insurer' });

export const SessionInfo = z
  .object({
    sessionId: z.string(),
    dealer: z.object({ name: z.string() }),
    /**
     * The insurers the policy journey offers to sign in to (issuerId of POST /v1/connections), with their names;
     * a policy's `issuer` that is one of these ids is shown by its name.
     */
    insurers: z.array(Insurer),
    products: z.array(Product),
    prefill: Prefill,
    /** The dealer's own reference the session was made with; `onSuccess` hands it back. */
    externalRef: z.string().optional(),
    /** When the session ends (its absolute lifetime); its tokens are renewed until then. */
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionInfo' });

/** A fresh token for the same session, bound like the first to its session, dealer and origin. */
export const SessionTokenRenewed = z
  .object({
    sessionToken: z.string(),
    /** When this token expires: at most 15 minutes away, and never after the session ends. */
    expiresAt: z.iso.datetime(),
    /** When the session ends: renewals stop there, and a new session is needed. */
    sessionExpiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionTokenRenewed' });

export type Product = z.infer<typeof Product>;
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;
export type PublicSessionBody = z.infer<typeof PublicSessionBody>;
export type SessionCreated = z.infer<typeof SessionCreated>;
export type Insurer = z.infer<typeof Insurer>;
export type SessionInfo = z.infer<typeof SessionInfo>;
export type SessionTokenRenewed = z.infer<typeof SessionTokenRenewed>;

/**
 * A session's refresh key: what lets the widget on a page reloaded after its
 * token expired carry on in the same session (POST /v1/sessions/refresh). A
 * secret like a password: it never travels as a bearer token.
 */
const RefreshKey = storableString('refreshKey').regex(/^rfk_[A-Za-z0-9_-]{22}$/, {
  error: 'refreshKey must be the refreshKey of POST /v1/session/refresh-key, like rfk_3Ue2B0rQk7Yd9ZsVq1xLhA',
});

export const RefreshKeyCreated = z
  .object({
    sessionId: z.string(),
    refreshKey: z.string(),
    /** The key works until then (the session's end), unless the dealer ends the session first. */
    sessionExpiresAt: z.iso.datetime(),
  })
  .meta({ id: 'RefreshKeyCreated' });

export const RefreshSessionBody = z.object({ refreshKey: RefreshKey }).meta({ id: 'RefreshSessionRequest' });

export type RefreshKeyCreated = z.infer<typeof RefreshKeyCreated>;
export type RefreshSessionBody = z.infer<typeof RefreshSessionBody>;
