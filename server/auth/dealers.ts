/**
 * The dealer registry: who may use Coverkit, from which page origins, and the
 * hash of each dealer's secret key. It comes from a JSON file or variable the
 * operator controls; sandbox mode adds the demo dealer so `npm start` works.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ClientId, fieldErrors, Origin, PRODUCTS, Product } from '../../contract/index.ts';
import type { Config } from '../config.ts';
import { generateSecretKey, hashSecretKey } from './secrets.ts';

const DealerSchema = z.object({
  clientId: ClientId,
  name: z.string().min(1).max(120),
  /** SHA-256 hex digest of the dealer's secret key (`npm run dealer:hash-key`). */
  secretKeySha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'secretKeySha256 must be 64 hex digits' }),
  /** Page origins where the widget may run and call the public endpoints. */
  allowedOrigins: z.array(Origin).default([]),
  /** Journeys this dealer has; a session may narrow them. */
  products: z
    .array(Product)
    .min(1)
    .default([...PRODUCTS]),
});
export type Dealer = z.infer<typeof DealerSchema>;

const RegistrySchema = z.object({ dealers: z.array(DealerSchema) });

export const DEMO_CLIENT_ID = 'demo-dealer';

export class DealerRegistry {
  readonly #byClientId = new Map<string, Dealer>();
  /** Union of every dealer's origins: CORS preflights carry no credentials to tell dealers apart. */
  readonly #origins = new Set<string>();

  constructor(dealers: Dealer[]) {
    for (const dealer of dealers) {
      if (this.#byClientId.has(dealer.clientId)) throw new Error(`Dealer ${dealer.clientId} is listed twice`);
      this.#byClientId.set(dealer.clientId, dealer);
      for (const origin of dealer.allowedOrigins) this.#origins.add(origin);
    }
  }

  get(clientId: string): Dealer | undefined {
    return this.#byClientId.get(clientId);
  }

  isKnownOrigin(origin: string): boolean {
    return this.#origins.has(origin);
  }
}

function parseRegistry(json: string, source: string): Dealer[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  const parsed = RegistrySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = Object.entries(fieldErrors(parsed.error)).map(([field, messages]) => `${field}: ${messages.join('; ')}`);
    throw new Error(`${source} is not a valid dealer registry: ${problems.join(', ')}`);
  }
  return parsed.data.dealers;
}

export type LoadedRegistry = {
  registry: DealerRegistry;
  /** Set in sandbox mode: the demo dealer's secret key, printed on start-up. */
  demoSecretKey?: string;
};

/**
 * The demo dealer's secret key: from the environment, else generated once and
 * kept in the data folder (readable by the operator only) so it survives restarts.
 */
function demoSecretKey(config: Config): string {
  if (config.demoSecretKey) return config.demoSecretKey;
  const file = path.join(config.dataDir, 'demo-dealer-secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generateSecretKey();
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function demoDealer(config: Config, secretKey: string): Dealer {
  const origins = new Set([`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`, config.publicUrl]);
  return {
    clientId: DEMO_CLIENT_ID,
    name: 'Pleasantville Motors',
    secretKeySha256: hashSecretKey(secretKey),
    allowedOrigins: [...origins],
    products: [...PRODUCTS],
  };
}

export function loadDealers(config: Config): LoadedRegistry {
  const dealers: Dealer[] = [];
  if (config.dealersFile) dealers.push(...parseRegistry(readFileSync(config.dealersFile, 'utf8'), config.dealersFile));
  if (config.dealersJson) dealers.push(...parseRegistry(config.dealersJson, 'COVERKIT_DEALERS'));
  if (config.mode !== 'sandbox' || dealers.some((d) => d.clientId === DEMO_CLIENT_ID)) {
    return { registry: new DealerRegistry(dealers) };
  }
  const secretKey = demoSecretKey(config);
  return { registry: new DealerRegistry([demoDealer(config, secretKey), ...dealers]), demoSecretKey: secretKey };
}
