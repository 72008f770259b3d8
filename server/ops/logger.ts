/**
 * Structured JSON logs (pino). Secrets, tokens and shopper PII are redacted by
 * key name at any depth of a logged object, so a careless `log.info({ body })`
 * still leaks nothing. Access-log lines are flat, so walking them costs little.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

/** Keys whose values never reach a log line (compared case-insensitively). */
const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'x-secret-key',
  'x-temporary-access-key',
  'x-api-secret-key',
  'x-api-temporary-access-key',
  'pace-api-key',
  'secretKey',
  'secretKeySha256',
  'apiKey',
  'apiSecret',
  'password',
  'token',
  'sessionToken',
  'temporaryAccessKey',
  'accessToken',
  'access_token',
  'jwt',
  'private_jwk',
  'd',
  'email',
  'emailAddress',
  'phone',
  'phone1',
  'dateOfBirth',
  'birthDate',
  'dob',
  'firstName',
  'middleName',
  'lastName',
  'first_name',
  'last_name',
  'name',
  'fullName',
  'number',
  'licenseNumber',
  'dlNum',
  'ssn',
  'line1',
  'line2',
  'street',
  'address',
  'mailingAddress1',
  'mailingAddress2',
  'vin',
];
const REDACTED = new Set(REDACTED_KEYS.map((k) => k.toLowerCase()));
const CENSOR = '[redacted]';
const MAX_DEPTH = 12;

function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = REDACTED.has(key.toLowerCase()) ? CENSOR : redactDeep(item, depth + 1);
  }
  return out;
}

/**
 * Standard output, written asynchronously: under load, lines that arrive while
 * a write is in flight go out together in the next one, instead of one system
 * call per request. `flushLogs` empties it before the process exits.
 */
function stdoutDestination() {
  return pino.destination({ dest: 1, sync: false });
}

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'coverkit' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object) as Record<string, unknown>,
        // Child-logger bindings (request ids) are ours, but a binding could still carry PII one day.
        bindings: (bindings) => redactDeep(bindings) as Record<string, unknown>,
      },
    },
    options.destination ?? stdoutDestination(),
  );
}

export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
