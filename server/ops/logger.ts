/**
 * Structured JSON logs (pino). Secrets, tokens and shopper PII are redacted
 * wherever they appear in a logged object, at any of the depths we log, so a
 * careless `log.info({ body })` still leaks nothing.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

/** Keys whose values never reach a log line. */
export const REDACTED_KEYS = [
  'authorization', 'cookie', 'x-secret-key', 'x-temporary-access-key', 'secretKey', 'secretKeySha256', 'apiKey', 'apiSecret',
  'password', 'token', 'sessionToken', 'temporaryAccessKey', 'accessToken', 'access_token', 'private_jwk', 'd',
  'email', 'phone', 'dateOfBirth', 'birthDate', 'firstName', 'middleName', 'lastName', 'name', 'fullName',
  'number', 'licenseNumber', 'dlNum', 'ssn', 'line1', 'line2', 'address', 'vin',
];

const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];
const redactPaths = DEPTHS.flatMap((prefix) => REDACTED_KEYS.map((key) => (/^[a-z_]+$/i.test(key) ? `${prefix}${key}` : `${prefix}["${key}"]`)));

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'coverkit' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
