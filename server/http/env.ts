/** What middleware hands to handlers through `c.get(...)`, typed once for the whole app. */
import type { Logger } from 'pino';
import type { Dealer } from '../auth/dealers.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import type { TokenClaims } from '../auth/tokens.ts';

export type AppEnv = {
  Variables: {
    requestId: string;
    /** The request's logger: every line carries its request id. */
    log: Logger;
    /** Set by requireSecretKey and by requireSession (the session's dealer). */
    dealer: Dealer;
    /** Set by requireSession. */
    session: SessionRecord;
    /** Set by every token check. */
    claims: TokenClaims;
  };
};
