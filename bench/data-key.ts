/**
 * bench/data-key: what sealing shopper data at rest costs. The same submission
 * store writes and reads the same submissions (the Garcia household with a
 * selected quote, every quote and a consent record) twice side by side on one
 * embedded database: sealed with AES-256-GCM, and as plain JSON text (what was
 * stored before). Rounds alternate the two so drift in machine load hits both
 * alike; printed per operation: p50 and mean of each, and the ratio.
 * The cost of sealing and opening one document alone is printed too.
 * `BENCH_SUBMISSIONS` (default 300) per round, `BENCH_ROUNDS` (default 4).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ConsentRecord, Quote } from '../contract/index.ts';
import { openDatabase } from '../server/db/index.ts';
import { Sealer } from '../server/security/sealer.ts';
import { SubmissionStore } from '../server/submissions/store.ts';
import { garciaHousehold } from '../test/helpers/applicants.ts';
import { fmt } from './lib.ts';

const perRound = Number(process.env.BENCH_SUBMISSIONS ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);

/** Stores what it is given as JSON text, as before encryption (Sealer reads that as it is). */
class PlainJson extends Sealer {
  override seal(value: unknown): string {
    return JSON.stringify(value);
  }
  override sealOptional(value: unknown): string | null {
    return value === undefined || value === null ? null : JSON.stringify(value);
  }
}

const keys = [{ id: 'bench', key: randomBytes(32) }];
const quote = (i: number): Quote => ({
  id: `pace:carrier${i}`,
  vendor: 'pace',
  carrierCode: `carrier${i}`,
  carrierName: `Carrier ${i} Insurance Company`,
  status: 'complete',
  termMonths: 6,
  price: {
    termMonths: 6,
    totalCents: 85_500 + i,
    downPaymentCents: 14_250,
    monthlyCents: 14_250 + i,
    installments: 5,
    monthlyTotalCents: 85_500 + i,
  },
  purchaseUrl: 'https://carrier.example/buy/abc',
});
const quotes = Array.from({ length: 8 }, (_, i) => quote(i));
const consent: ConsentRecord = {
  method: 'disclosure',
  disclosureVersion: '2026-01',
  locale: 'en',
  checkboxLabel: 'I agree to be contacted',
  text: 'By ticking this box you agree that Acme Motors and its insurance partners may call, text or e-mail you about insurance quotes, including by automated means. '.repeat(
    3,
  ),
  checked: true,
  agreedAt: new Date().toISOString(),
  pageUrl: 'https://dealer.example/cars/rav4',
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15',
} as ConsentRecord;

const db = await openDatabase({ driver: 'pglite' });
const stores = { sealed: new SubmissionStore(db, new Sealer(keys)), plain: new SubmissionStore(db, new PlainJson(keys)) };
type Kind = keyof typeof stores;
const times: Record<Kind, { write: number[]; read: number[] }> = { sealed: { write: [], read: [] }, plain: { write: [], read: [] } };

async function round(kind: Kind) {
  const store = stores[kind];
  const ids: string[] = [];
  for (let i = 0; i < perRound; i++) {
    const body = { applicant: garciaHousehold(), contactConsent: true } as const;
    const t0 = performance.now();
    const created = await store.create({
      sessionId: `ses_${randomUUID()}`,
      clientId: 'bench',
      body,
      selectedQuote: quotes[0],
      quotes,
      consent,
      idempotencyKey: randomUUID(),
      requestHash: 'x',
      targets: [],
      owner: 'bench',
      leaseMs: 1000,
    });
    times[kind].write.push(performance.now() - t0);
    ids.push(created!.submission.id);
  }
  for (const id of ids) {
    const t0 = performance.now();
    const read = await store.get(id);
    times[kind].read.push(performance.now() - t0);
    if (read?.body.applicant.contact.email !== 'maria.garcia@example.com') throw new Error('read back something else');
  }
}

// A warm-up round of each, not counted: the first statements plan and fill caches.
await round('plain');
await round('sealed');
for (const kind of ['plain', 'sealed'] as const) times[kind] = { write: [], read: [] };
for (let r = 0; r < rounds; r++)
  for (const kind of r % 2 ? (['sealed', 'plain'] as const) : (['plain', 'sealed'] as const)) await round(kind);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ms = (n: number) => `${fmt(n, 3)} ms`;

const sealer = new Sealer(keys);
const document = { applicant: garciaHousehold(), contactConsent: true };
const n = 20_000;
let t0 = performance.now();
const sealedDocs = Array.from({ length: n }, () => sealer.seal(document, 'submissions:sub_bench'));
const sealUs = ((performance.now() - t0) * 1000) / n;
t0 = performance.now();
for (const sealed of sealedDocs) sealer.open(sealed, 'submissions:sub_bench');
const openUs = ((performance.now() - t0) * 1000) / n;

console.log(
  `Submission store on embedded PGlite, ${rounds} rounds × ${perRound} submissions, alternating (body + selected quote + 8 quotes + consent)`,
);
console.log('operation | plain JSON p50 / mean | sealed p50 / mean | ratio p50 / mean');
for (const op of ['write', 'read'] as const) {
  const plain = times.plain[op];
  const sealed = times.sealed[op];
  console.log(
    `${op.padEnd(9)} | ${ms(p50(plain))} / ${ms(mean(plain))} | ${ms(p50(sealed))} / ${ms(mean(sealed))} | ${fmt(p50(sealed) / p50(plain), 2)}× / ${fmt(mean(sealed) / mean(plain), 2)}×`,
  );
}
console.log(
  `one applicant document (${JSON.stringify(document).length} bytes): seal ${fmt(sealUs, 1)} µs, open ${fmt(openUs, 1)} µs (AES-256-GCM, node:crypto)`,
);
await db.close();
