/**
 * The shopper's policies (or quotes found by lookup) as cards: insurer and
 * type, number, status and dates, premium, drivers, vehicles and the
 * coverages with their amounts; an auto policy offers "Get quotes with these
 * details". Shared by <coverkit-connect-step> and <coverkit-lookup-step>.
 *
 * @csspart policy-list - The list.
 * @csspart policy-card - Each policy.
 * @csspart quote-from-policy-button - "Get quotes with these details".
 */
import { html, nothing } from 'lit';
import type { Policy, PolicyCoverage } from '../../../contract/policy.ts';
import type { Insurer } from '../../../contract/session.ts';
import { longDate, money } from '../../internal/format.ts';
import type { Messages } from '../../internal/localize.ts';
import { issuerName, personName } from '../../internal/policies.ts';

const amount = (cents: number, intl: string) => money(cents, intl, cents % 100 === 0);

/** What a coverage pays, in the shopper's words: "$25,000 / $50,000", "$500 deductible", "Unlimited". */
function coverageAmount(c: PolicyCoverage, t: Messages, intl: string): string {
  const parts: string[] = [];
  if (c.unlimited) parts.push(t.unlimited);
  if (c.perPersonLimitCents !== undefined && c.perAccidentLimitCents !== undefined) {
    parts.push(`${amount(c.perPersonLimitCents, intl)} / ${amount(c.perAccidentLimitCents, intl)}`);
  } else if (c.limitCents !== undefined) {
    parts.push(amount(c.limitCents, intl));
  }
  if (c.deductibleCents !== undefined) parts.push(t.deductible(amount(c.deductibleCents, intl)));
  return parts.join(', ');
}

function card(policy: Policy, t: Messages, intl: string, insurers: readonly Insurer[], quote?: (policy: Policy) => void) {
  const vehicle = (i: number) => {
    const v = policy.vehicles[i];
    return v ? [v.year, v.make, v.model].filter(Boolean).join(' ') : '';
  };
  const rows: Array<[string, unknown]> = [
    [t.policyNumber, policy.policyNumber],
    [t.policyStatus, policy.active ? t.active : t.inactive],
    [t.term, t.termDates(longDate(policy.effectiveDate, intl, 'medium'), longDate(policy.expirationDate, intl, 'medium'))],
    [t.premium, policy.premiumCents === undefined ? undefined : money(policy.premiumCents, intl)],
    [t.steps.drivers, policy.drivers.map(personName).filter(Boolean).join(', ')],
    [
      t.steps.vehicles,
      policy.vehicles.length
        ? html`${policy.vehicles.map((v, i) => html`<span class="line">${vehicle(i)}</span>${v.vin ? html`<span class="line vin">VIN ${v.vin}</span>` : nothing}`)}`
        : undefined,
    ],
  ];
  const coverages = policy.coverages
    .map((c) => {
      const name = t.coverageNames[c.type] ?? c.name;
      const of = c.vehicle !== undefined && policy.vehicles.length > 1 ? ` (${vehicle(c.vehicle)})` : '';
      return [`${name}${of}`, coverageAmount(c, t, intl)] as const;
    })
    .filter(([, value]) => value);
  const issuer = issuerName(policy.issuer, insurers);
  return html`<li class="policy" part="policy-card">
    <h3>${t.policyTitle(issuer, t.policyType[policy.type])}</h3>
    <dl>${rows.filter(([, value]) => value !== undefined && value !== '').map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>
    ${
      coverages.length
        ? html`<h4>${t.coverages}</h4>
          <dl>${coverages.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`
        : nothing
    }
    ${
      quote && policy.type === 'auto'
        ? html`<button type="button" class="primary" part="button primary-button quote-from-policy-button" @click=${() => quote(policy)}>
          ${t.quoteFromPolicy}<span class="sr-only"> (${issuer} ${policy.policyNumber})</span>
        </button>`
        : nothing
    }
  </li>`;
}

/** The cards, insurers named by the server's list; `quote` is called when the shopper asks for quotes from an auto policy. */
export function policyList(policies: Policy[], t: Messages, intl: string, insurers: readonly Insurer[], quote?: (policy: Policy) => void) {
  return html`<ul class="policies" part="policy-list">${policies.map((policy) => card(policy, t, intl, insurers, quote))}</ul>`;
}
