/**
 * The page a quote's `purchaseUrl` opens. At CoverHound the shopper finishes
 * buying there; the sandbox shows what was quoted, so the demo's "buy" link
 * lands somewhere meaningful instead of on a dead address.
 */
import { html } from 'hono/html';
import { answerBody, type Transaction } from './transactions.ts';

export function resumePage(tx: Transaction, now: number) {
  const { quotes } = answerBody(tx, now, 'polling');
  return html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>CoverHound sandbox: your quotes</title></head>
  <body>
    <h1>CoverHound sandbox</h1>
    <p>In production this is CoverHound's page where the shopper finishes buying. Customer ${tx.customerId}, transaction ${tx.transactionId}.</p>
    <ul>
      ${quotes.map((quote) => {
        const plan = quote.payPlans?.[0];
        const outcome = plan ? `$${plan.totalPremium} for ${plan.termLength} months` : (quote.error ?? 'still quoting');
        return html`<li><strong>${quote.carrierName}</strong>: ${outcome}</li>`;
      })}
    </ul>
  </body>
</html>`;
}
