/** The name AgencyZoom goes by in errors and logs. */
export const VENDOR = 'AgencyZoom';

/** The sandbox account (the sandbox credentials): the defaults of both the client and the sandbox. */
export const SANDBOX_USERNAME = 'agent@pleasantville.example';
export const SANDBOX_PASSWORD = 'sandbox-password';
