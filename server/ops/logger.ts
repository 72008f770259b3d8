/**
 * Structured JSON logs (pino). Secrets, tokens and shopper PII are redacted by
 * key name at any depth of a logged object, so a careless `log.info({ body })`
 * still leaks nothing; so are errors (their message, stack, properties and
 * causes) and strings (JSON inside them by key, emails and phone numbers
 * anywhere). Access-log lines are flat and plain, so walking them costs little.
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
/** Keys that name personal data in any vendor's spelling (first_name, emailAddress, date_of_birth, address_1, postal_code…). */
const PERSONAL_KEY =
  /(first|last|middle|full|given|family|sur)_?name|e_?mail|phone|birth|street|address|licen[cs]e_?num|postal|^zip|ssn|passw|secret|token/i;
/** Where drivers put the values of a failed statement (PGlite's params, PostgreSQL's detail: "Failing row contains (…)"). */
const VALUE_CARRIERS = new Set(['params', 'parameters', 'values', 'detail']);
const isRedactedKey = (key: string) => REDACTED.has(key.toLowerCase()) || PERSONAL_KEY.test(key) || VALUE_CARRIERS.has(key);
const CENSOR = '[redacted]';
const MAX_DEPTH = 12;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /\+[1-9]\d{7,14}\b/g;
/** A `"key": value` pair of JSON (a scalar value), also in JSON cut short or embedded in a message. */
const JSON_PAIR = /"([^"\\]{1,64})"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/g;

/**
 * Free text: JSON in it (a vendor's body quoted in a message, a logged string
 * of JSON) is parsed and redacted by key like any object; pairs of JSON cut
 * short are redacted by key too; emails and phone numbers anywhere are masked.
 */
function redactText(text: string, depth: number): string {
  if (!/[@"{[+]/.test(text)) return text;
  let out = text;
  const start = out.search(/[{[]/);
  if (start >= 0) {
    try {
      out = out.slice(0, start) + JSON.stringify(redactDeep(JSON.parse(out.slice(start)), depth + 1));
    } catch {
      // not JSON to its end: the pairs below still catch what it holds
    }
  }
  return out
    .replace(JSON_PAIR, (pair, key: string, colon: string) => (isRedactedKey(key) ? `"${key}"${colon}"${CENSOR}"` : pair))
    .replace(EMAIL, CENSOR)
    .replace(PHONE, CENSOR);
}

/**
 * An error as a log line shows it (pino's own serializer would copy every
 * property, the driver's `params` included): its type, message and stack as
 * redacted text, its other properties redacted by key, and its causes.
 */
function redactError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name || error.constructor.name,
    message: redactText(error.message, depth),
    ...(error.stack ? { stack: redactText(error.stack, depth) } : {}),
  };
  for (const [key, value] of Object.entries(error)) {
    if (key in out) continue;
    out[key] = isRedactedKey(key) ? CENSOR : redactDeep(value, depth + 1);
  }
  if (error instanceof AggregateError) out.errors = error.errors.map((item) => redactDeep(item, depth + 1));
  if (error.cause !== undefined) out.cause = redactDeep(error.cause, depth + 1);
  return out;
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return typeof value === 'object' && value !== null ? '[too deep]' : value;
  if (typeof value === 'string') return redactText(value, depth);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isRedactedKey(key) ? CENSOR : redactDeep(item, depth + 1);
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
      // Errors are written by redactError (through formatters.log below); pino's own serializer would copy every property.
      serializers: { err: (value: unknown) => value },
      // The message strings of a line (`log.warn(\`refused ${body}\`)`) do not pass through formatters.log.
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg, 0) : arg)) as typeof args;
          return method.apply(this, redacted);
        },
      },
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
