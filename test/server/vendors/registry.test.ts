/**
 * A vendor folder is a module that registers itself (issue 8, item 2): each
 * folder of server/vendors exports one descriptor from its index.ts, the one
 * list in server/vendors/index.ts holds them all, and the server is wired
 * from that list (quote sources, delivery targets, sandboxes, live mode's
 * required addresses) without naming a vendor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { createVendors, deliveryResult, SHOPPER_WAITS_FOR, VENDORS } from '../../../server/vendors/index.ts';

const vendorFolders = readdirSync(new URL('../../../server/vendors/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

const urls = { sandboxUrl: 'http://127.0.0.1:9/sandbox', publicUrl: 'http://localhost:9' };

describe('the vendor list', () => {
  it('holds one descriptor per vendor folder, named after its folder and exported by its index.ts', async () => {
    expect(VENDORS.map((v) => v.name).sort()).toEqual([...vendorFolders].sort());
    for (const folder of vendorFolders) {
      const module: Record<string, unknown> = await import(`../../../server/vendors/${folder}/index.ts`);
      expect(Object.values(module)).toContain(VENDORS.find((v) => v.name === folder));
    }
  });

  it('builds a client for every vendor and, in sandbox mode, a sandbox for each', () => {
    const vendors = createVendors({ mode: 'sandbox', env: {}, ...urls });
    for (const { name } of VENDORS) expect(vendors[name]).toBeDefined();
    expect(Object.keys(vendors.sandboxes).sort()).toEqual([...vendorFolders].sort());
    expect(createVendors({ mode: 'live', env: liveEnv(), ...urls }).sandboxes).toEqual({});
  });

  it('in live mode names every vendor address that is missing', () => {
    const missing = () => createVendors({ mode: 'live', env: {}, ...urls });
    expect(missing).toThrow(ConfigError);
    for (const { baseUrlVariable } of VENDORS) expect(missing).toThrow(baseUrlVariable);
  });

  it('asks the quoting vendors COVERKIT_QUOTE_VENDORS names, in its order, and delivers to every target', () => {
    const vendors = createVendors({ mode: 'sandbox', env: {}, ...urls });
    const asked = (list: string) => vendors.quoteSources(loadConfig({ COVERKIT_QUOTE_VENDORS: list })).map((s) => s.vendor);
    expect(asked('pace,coverhound')).toEqual(['pace', 'coverhound']);
    expect(asked('coverhound')).toEqual(['coverhound']);
    expect(vendors.deliveryTargets(loadConfig({})).map((t) => t.name)).toEqual(['autocomplete', 'agencyzoom']);
  });

  it('gives shutdown each delivery target’s client timeout to wait for', () => {
    const vendors = createVendors({ mode: 'sandbox', env: { AUTOCOMPLETE_TIMEOUT_MS: '4000', AGENCYZOOM_TIMEOUT_MS: '7000' }, ...urls });
    expect(vendors.deliveryTargets(loadConfig({})).map((t) => t.callTimeoutMs)).toEqual([4000, 7000]);
  });
});

describe('a delivery target describes its own result', () => {
  it('is named after its vendor, which is how a stored delivery finds the description of its result', () => {
    const vendors = createVendors({ mode: 'sandbox', env: {}, ...urls });
    for (const target of vendors.deliveryTargets(loadConfig({})))
      expect(VENDORS.find((v) => v.name === target.name)?.deliveryTarget).toBeDefined();
  });

  it('reads the shopper link and the vendor ids from what each target saved', () => {
    const link = 'https://app.autocomplete.example/flows/1';
    expect(deliveryResult('autocomplete', { personId: 'p-1', flowUrl: link })).toEqual({
      shopperLink: link,
      vendorIds: { personId: 'p-1' },
    });
    expect(deliveryResult('agencyzoom', { leadId: 7, leadQuoteId: 9 })).toEqual({ vendorIds: { leadId: 7, leadQuoteId: 9 } });
    expect(deliveryResult('agencyzoom', { leadId: 'seven' })).toEqual({});
    expect(deliveryResult('nobody', { personId: 'p-1' })).toEqual({});
    expect(SHOPPER_WAITS_FOR).toEqual(['autocomplete']);
  });

  it('so the submission views and service name no vendor', () => {
    for (const file of ['views.ts', 'service.ts']) {
      const source = readFileSync(new URL(`../../../server/submissions/${file}`, import.meta.url), 'utf8').toLowerCase();
      for (const { name } of VENDORS) expect(source, `${file} names ${name}`).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});

function liveEnv() {
  return Object.fromEntries(VENDORS.map((v) => [v.baseUrlVariable, `https://${v.name}.example`]));
}
