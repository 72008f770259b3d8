/**
 * Logging in and out, and the bearer check every other call passes: "The
 * login endpoint returns a JWT token. Subsequent calls need pass the token as
 * HTTP header bearer token." The per-account rate limit is applied here too,
 * because this is where the account becomes known.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { LoginRequest } from '../schemas.ts';
import { EMPLOYEES } from './agency.ts';
import { confirmed, fail, invalid, MESSAGES, rateLimited } from './answers.ts';
import type { AccountRateLimiter } from './rate-limit.ts';
import { type Account, accountKey, type SandboxTokens } from './tokens.ts';
import { readBody } from './validate.ts';

export type SandboxEnv = { Variables: { account: string; jti: string } };

type Deps = { accounts: Account[]; tokens: SandboxTokens; limiter: AccountRateLimiter };

/** POST /v1/api/auth/login: 200 `{ jwt, ownerAgent }`, or 400 "Invalid user name and/or password". */
export function loginRoutes({ accounts, tokens, limiter }: Deps): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('/v1/api/auth/login', async (c) => {
    const body = await readBody(c);
    if (!body.ok) return invalid(c, body.detail);
    const login = LoginRequest.safeParse(body.data);
    if (!login.success) return fail(c, 400, MESSAGES.invalidLogin);
    const key = accountKey(login.data.username);
    // Logins are calls of the account too, so they count against its limit.
    const wait = limiter.take(key);
    if (wait) return rateLimited(wait.retryAfterSeconds);
    const account = accounts.find((a) => accountKey(a.username) === key && a.password === login.data.password);
    if (!account) return fail(c, 400, MESSAGES.invalidLogin);
    const ownerAgent = EMPLOYEES.some((e) => e.isOwner && e.email !== null && e.email !== undefined && accountKey(e.email) === key);
    return c.json({ jwt: await tokens.issue(key), ownerAgent });
  });
  return app;
}

/** 401 without a live token; then 429 once the account has spent its calls for the minute. */
export function requireBearer({ tokens, limiter }: Omit<Deps, 'accounts'>): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    const who = token === undefined ? undefined : await tokens.verify(token);
    if (!who) return fail(c, 401, MESSAGES.unauthorized);
    const wait = limiter.take(who.account);
    if (wait) return rateLimited(wait.retryAfterSeconds);
    c.set('account', who.account);
    c.set('jti', who.jti);
    await next();
  };
}

/** POST /v1/api/auth/logout: the token stops working. */
export function logoutRoutes({ tokens }: Pick<Deps, 'tokens'>): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('/v1/api/auth/logout', (c) => {
    tokens.revoke(c.get('jti'));
    return confirmed(c, 0, 'Logged out');
  });
  return app;
}
