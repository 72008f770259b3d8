/**
 * NeedsController: what the vendors quoting and taking submissions for this
 * dealer need of this shopper (GET /v1/quote-requirements, asked once per
 * session), so a step asks a question only when one of them needs it. Until
 * the list is known, or when it cannot be had, the step says what it would
 * ask without it (`fallback`); the server still says what is missing.
 */
import { choicesFor, isNeeded } from '../../contract/needs.ts';
import type { QuoteRequirements } from '../../contract/requirements.ts';
import { LookupController } from './lookups.ts';
import type { StepElement } from './step.ts';

export class NeedsController {
  readonly #lookups: LookupController;

  constructor(private readonly host: StepElement) {
    this.#lookups = new LookupController(host);
  }

  get #requirements(): QuoteRequirements | undefined {
    return this.#lookups.get<QuoteRequirements>('/v1/quote-requirements', {}).value;
  }

  /** True when a vendor needs `path` (`drivers.0.occupation`) for these answers (the shopper's, by default). */
  has(path: string, { answers = this.host.journey.answers.draft as unknown, fallback = true } = {}): boolean {
    const requirements = this.#requirements;
    return requirements === undefined ? fallback : isNeeded(requirements, path, answers);
  }

  /** A vendor's closed list for a path as the needs write it (`drivers.*.occupationIndustry`). */
  choices(path: string): string[] | undefined {
    return choicesFor(this.#requirements, path);
  }
}
