/**
 * Stands in for the shopper-facing site a `flow_url` opens (app.autocomplete.io
 * in production), so a sandbox link leads somewhere when the server points
 * `flowBaseUrl` at `/sandbox/autocomplete/_flows`. It is not part of the
 * partner API: no auth, no fault knobs.
 */
import type { Handler } from 'hono';
import type { PeopleStore } from './people.ts';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export function flowPage(people: PeopleStore): Handler {
  return (c) => {
    const person = people.byFlow(c.req.param('flowIdentifier') ?? '');
    // Names come from whoever submitted them: escaped, and the page may load nothing at all.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (!person) return c.html('<!doctype html><title>AutoComplete sandbox</title><p>No such shopping link.</p>', 404);
    const name = escapeHtml([person.first_name, person.last_name].filter(Boolean).join(' '));
    const vehicles = (person.vehicles ?? [])
      .filter((vehicle) => vehicle.ownership_type !== 'trade_in')
      .map(
        (vehicle) =>
          `<li>${escapeHtml([vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(' ') || vehicle.vin || 'Vehicle')}</li>`,
      )
      .join('');
    return c.html(
      `<!doctype html><meta charset="utf-8"><title>AutoComplete sandbox: ${name}</title>` +
        `<h1>Insurance shopping for ${name}</h1><p>This is the AutoComplete sandbox's stand-in for the personalised shopping link.</p>` +
        `<ul>${vehicles}</ul>`,
    );
  };
}
