/**
 * <coverkit-review-step>: every answer at a glance, each section with a way
 * back to change it, and the button that asks every insurer at once (or,
 * once quotes are in, a way back to them).
 *
 * Rendered by <coverkit-widget> into its shadow root.
 *
 * @csspart review-section - Each group of answers.
 * @csspart edit-button - "Edit …" beside each group.
 * @csspart alert - Why the quote request could not be sent.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Address } from '../../../contract/applicant.ts';
import { formatPhone, longDate, money } from '../../internal/format.ts';
import { StepElement } from '../../internal/step.ts';
import { resultStyles } from '../result.styles.ts';
import { type FormStep, stepOfPath } from '../steps.ts';

export class CoverkitReviewStep extends StepElement {
  static override styles = resultStyles;

  #handleSubmit(event: Event) {
    event.preventDefault();
    void this.journey.quotes.request();
  }

  #section(step: FormStep, rows: Array<[string, unknown]>, title = this.t.steps[step]): TemplateResult {
    return html`<section class="review-section" part="review-section">
      <div class="review-head">
        <h3>${title}</h3>
        <button type="button" class="link" part="button edit-button" @click=${() => this.journey.nav.edit(step)}>${this.t.edit(title)}</button>
      </div>
      <dl>${rows.filter(([, value]) => value !== undefined && value !== '').map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>
    </section>`;
  }

  #message(): string | undefined {
    const error = this.journey.quotes.submitError;
    if (!error) return undefined;
    const t = this.t;
    if (error.status === 401) return t.sessionEnded;
    if (error.status === 429) return t.busy;
    return error.status === 0 || error.status >= 500 ? t.networkError : error.message;
  }

  /** How long insured (and with whom, when a policy or the dealer said), or not insured now. */
  #insurance(): string | undefined {
    const { insuredNow } = this.journey.answers;
    const prior = this.journey.answers.draft.priorInsurance;
    if (insuredNow === false) return this.t.notInsured;
    if (!insuredNow || prior?.monthsInsured === undefined) return undefined;
    return [this.t.months(prior.monthsInsured), prior.carrier].filter(Boolean).join(', ');
  }

  override render() {
    const { t, journey } = this;
    const draft = journey.answers.draft;
    const date = (value?: string) => (value ? longDate(value, this.intl) : undefined);
    const cents = (value?: number | null) => (value == null ? t.noCoverage : money(value, this.intl, true));
    const split = (value?: { perPerson?: number; perAccident?: number }) =>
      value?.perPerson !== undefined ? `${cents(value.perPerson)} / ${cents(value.perAccident)}` : t.noCoverage;
    const a = draft.address ?? {};
    const c = draft.coverage ?? {};
    const label = (record: Record<string, string>, value?: string) => (value ? record[value] : undefined);
    const otherErrors = Object.entries(journey.answers.serverErrors).filter(([path]) => stepOfPath(path) === 'review');
    const problem = this.#message();
    return html`${this.heading()}
      <p>${t.reviewIntro}</p>
      ${this.#section('contact', [
        [t.email, draft.contact?.email],
        [t.phone, formatPhone(draft.contact?.phone)],
        [
          t.address,
          [a.line1, a.line2, a.city, [a.state && t.states[a.state as Address['state']], a.postalCode].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', '),
        ],
        [
          t.home,
          [label(t.residenceOwnership, draft.residence?.ownership), label(t.residenceType, draft.residence?.type)]
            .filter(Boolean)
            .join(', '),
        ],
      ])}
      ${(draft.drivers ?? []).map((d, i) =>
        this.#section(
          'drivers',
          [
            [t.dateOfBirth, date(d.dateOfBirth)],
            [t.license, [d.license?.state, label(t.licenseStatus, d.license?.status)].filter(Boolean).join(', ')],
          ],
          [d.firstName, d.lastName].filter(Boolean).join(' ') || t.driverN(i + 1),
        ),
      )}
      ${(draft.vehicles ?? []).map((v, i) =>
        this.#section(
          'vehicles',
          [
            ['VIN', v.vin],
            [t.useLabel, label(t.use, v.use)],
            [t.mileage, v.annualMileage?.toLocaleString(this.intl)],
          ],
          t.vehicleLabel(v, i + 1),
        ),
      )}
      ${this.#section('coverage', [
        [t.startDate, date(draft.effectiveDate)],
        [t.bodilyInjury, split(c.bodilyInjuryCents)],
        [t.propertyDamage, cents(c.propertyDamageCents)],
        [t.uninsured, split(c.uninsuredMotoristCents)],
        [t.medical, cents(c.medicalPaymentsCents)],
        ...(c.vehicles ?? []).map(
          (v, i) =>
            [
              t.deductibles(t.vehicleLabel(draft.vehicles?.[i] ?? {}, i + 1)),
              `${cents(v.comprehensiveDeductibleCents)} / ${cents(v.collisionDeductibleCents)}`,
            ] as [string, unknown],
        ),
        [t.insuredFor, this.#insurance()],
      ])}
      <form part="form" novalidate @submit=${this.#handleSubmit}>
        ${
          problem || otherErrors.length
            ? html`<div class="alert" part="alert" role="alert">
              ${problem ? html`<p>${problem}</p>` : nothing}
              ${otherErrors.map(([, messages]) => html`<p>${messages.join(' ')}</p>`)}
            </div>`
            : nothing
        }
        <p class="status" role="status">${journey.quotes.submitting ? t.sending : ''}</p>
        ${this.nav(t.getQuotes, journey.quotes.submitting)}
        ${
          // Back from "Change my answers" without asking again: a changed answer marks those prices out of date there.
          journey.quotes.stream
            ? html`<p><button type="button" class="link" part="button" @click=${() => journey.nav.go('quotes')}>${t.backToQuotes}</button></p>`
            : nothing
        }
      </form>`;
  }
}
