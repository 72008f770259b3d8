/**
 * A vendor folder is a module that registers itself (issue 8, item 2): each
 * folder of server/vendors exports one descriptor from its index.ts, the one
 * list in server/vendors/index.ts holds them all, and the server is wired
 * from that list (quote sources, delivery targets, sandboxes, live mode's
 * required addresses) without naming a vendor.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { createVendors, VENDORS } from '../../../server/vendors/index.ts';

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

function liveEnv() {
  return Object.fromEntries(VENDORS.map((v) => [v.baseUrlVariable, `https://${v.name}.example`]));
}
