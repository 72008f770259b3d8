/** What middleware hands to handlers through `c.get(...)`, typed once for the whole app. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Dealer } from '../auth/dealers.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { ConnectionRecord } from '../policies/store.ts';

export type AppEnv = {
  /** Set by @hono/node-server; absent for in-process requests (app.request). */
  Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse };
  Variables: {
    requestId: string;
    /** The process logger; use requestLog(c) for a logger that carries the request id. */
    rootLogger: Logger;
    /** Made on first use by requestLog(c). */
    log: Logger;
    /** Set by requireSecretKey and by requireSession (the session's dealer). */
    dealer: Dealer;
    /** Set by requireSession. */
    session: SessionRecord;
    /** Set by every token check. */
    claims: TokenClaims;
    /** Set by requireConnectionReader. */
    connection: ConnectionRecord;
  };
};
