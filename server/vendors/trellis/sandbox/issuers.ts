/**
 * The insurers a sandbox login can connect to, as Trellis names them
 * (issuerId as in the seed's `"issuerId": "geico"`) with their display names.
 */

export type SandboxIssuer = {
  name: string;
  /** Policy numbers in the issuer's own style, so policies from two issuers are told apart. */
  autoPolicyNumber: string;
  homePolicyNumber: string;
};

const SANDBOX_ISSUERS: Record<string, SandboxIssuer> = {
  // GEICO's numbers are the seed's own example.
  geico: { name: 'GEICO', autoPolicyNumber: '5232-11-255-22', homePolicyNumber: '5232-11-255-22' },
  progressive: { name: 'Progressive', autoPolicyNumber: '931455210', homePolicyNumber: '931455211' },
  statefarm: { name: 'State Farm', autoPolicyNumber: '123 4567-B29-55', homePolicyNumber: '55-BX-H123-4' },
  allstate: { name: 'Allstate', autoPolicyNumber: '904 712 385', homePolicyNumber: '904 712 386' },
  libertymutual: { name: 'Liberty Mutual', autoPolicyNumber: 'AOS-281-447512-40', homePolicyNumber: 'H37-281-447512-40' },
  farmers: { name: 'Farmers', autoPolicyNumber: '0197654321', homePolicyNumber: '0197654322' },
  nationwide: { name: 'Nationwide', autoPolicyNumber: '6142 J 771209', homePolicyNumber: '7842 HR 118220' },
  usaa: { name: 'USAA', autoPolicyNumber: '00512 34 56U 7101 1', homePolicyNumber: '00512 34 56 91A' },
};

/** The insurers a shopper can sign in to, for the widget's list (GET /v1/session). */
export const SANDBOX_INSURERS = Object.entries(SANDBOX_ISSUERS).map(([id, { name }]) => ({ id, name }));

export function sandboxIssuer(issuerId: string): SandboxIssuer | undefined {
  return Object.hasOwn(SANDBOX_ISSUERS, issuerId) ? SANDBOX_ISSUERS[issuerId] : undefined;
}
