/** The name AgencyZoom goes by in errors and logs. */
export const VENDOR = 'AgencyZoom';

/** The sandbox account (the sandbox credentials): the defaults of both the client and the sandbox. */
export const SANDBOX_USERNAME = 'agent@pleasantville.example';
export const SANDBOX_PASSWORD = 'sandbox-password';

/** "30 calls per minute during the day, 60 calls per minutes from 10PM CT to 4AM CT", per account. */
export const DOCUMENTED_PER_MINUTE = 30;
export const DOCUMENTED_NIGHT_PER_MINUTE = 60;

const centralHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: 'numeric', hourCycle: 'h23' });

/** 10PM to 4AM in Chicago, daylight saving included: when AgencyZoom allows its night rate. */
export function isCentralNight(at: Date): boolean {
  const hour = Number(centralHour.format(at));
  return hour >= 22 || hour < 4;
}
