/**
 * The logger's redaction, for what a careless log line may hold besides a
 * plain object: an Error whose properties or cause carry the values it was
 * given, and strings of JSON (a vendor's body quoted in a message).
 */
import { describe, expect, it } from 'vitest';
import { createLogger, flushLogs } from '../../../server/ops/logger.ts';
import { LogCapture } from '../../helpers/server.ts';

const PERSONAL = ['maria.garcia@example.com', '+15125550147', 'Maria', 'Garcia', '1982-03-14', 'S1234567', '4801 Red River St'];

async function logged(write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  const capture = new LogCapture();
  const log = createLogger({ level: 'info', destination: capture });
  write(log);
  await flushLogs(log);
  return capture.text;
}

describe('log redaction', () => {
  it('covers an Error: its own properties, its message, its cause and the errors it aggregates', async () => {
    const driverError = Object.assign(new Error('insert failed'), {
      code: '23514',
      params: ['sub_1', { contact: { email: 'maria.garcia@example.com', phone: '+15125550147' } }],
      detail: 'Failing row contains (sub_1, {"drivers": [{"firstName": "Maria", "lastName": "Garcia"}]}).',
    });
    const text = await logged((log) => {
      log.error({ err: driverError }, 'write failed');
      log.error({
        err: new Error('delivery failed', {
          cause: new Error('vendor said: date_of_birth 1982-03-14 is invalid for maria.garcia@example.com'),
        }),
      });
      log.error({ err: new AggregateError([Object.assign(new Error('x'), { dlNum: 'S1234567' })], 'several failed') });
      log.error(Object.assign(new Error('address refused'), { body: { mailingAddress1: '4801 Red River St' } }));
    });
    for (const value of ['maria.garcia@example.com', '+15125550147', 'Maria', 'Garcia', 'S1234567', '4801 Red River St']) {
      expect(text, value).not.toContain(value);
    }
    const first = JSON.parse(text.split('\n')[0]!);
    expect(first.err).toMatchObject({ type: 'Error', message: 'insert failed', code: '23514', params: '[redacted]', detail: '[redacted]' });
    expect(first.err.stack).toContain('logger.test.ts');
  });

  it('covers JSON in strings: a whole string of JSON, JSON embedded in a message, and JSON cut short', async () => {
    const body = JSON.stringify({
      first_name: 'Maria',
      last_name: 'Garcia',
      date_of_birth: '1982-03-14',
      emails: [{ email: 'maria.garcia@example.com' }],
      addresses: [{ address_1: '4801 Red River St' }],
      drivers_license: { number: 'S1234567' },
      phone_numbers: [{ number: '+15125550147' }],
    });
    const text = await logged((log) => {
      log.warn({ responseBody: body }, 'vendor answered 400');
      log.warn({ reason: `AutoComplete answered 400: ${body}` }, 'delivery failed');
      log.warn({ reason: `AutoComplete answered 400: ${body.slice(0, 120)}` }, 'delivery failed');
      log.warn(`refused ${body}`);
    });
    for (const value of PERSONAL) expect(text, value).not.toContain(value);
    expect(text).toContain('vendor answered 400');
    expect(JSON.parse(JSON.parse(text.split('\n')[0]!).responseBody)).toMatchObject({ first_name: '[redacted]', emails: '[redacted]' });
  });
});
