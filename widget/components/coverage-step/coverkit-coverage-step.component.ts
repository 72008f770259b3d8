/**
 * <coverkit-coverage-step>: when the policy starts, the liability limits and
 * uninsured-motorist and medical cover (the insurer's options for the state),
 * each vehicle's comprehensive and collision deductibles (or none), and the
 * shopper's current insurance.
 *
 * Rendered by <coverkit-widget> into its shadow root; it uses the parts listed
 * on <coverkit-contact-step> and <coverkit-drivers-step>.
 */
import { html, nothing } from 'lit';
import type { CoverageOptionGroup, CoverageOptions } from '../../../contract/lookup.ts';
import { getAt, usDate } from '../../internal/draft.ts';
import { FormController, input, select } from '../../internal/form.ts';
import { money } from '../../internal/format.ts';
import { LookupController } from '../../internal/lookups.ts';
import { NeedsController } from '../../internal/needs.ts';
import { StepElement } from '../../internal/step.ts';

type Kind = 'bodily_injury' | 'property_damage' | 'uninsured_motorist_bodily_injury' | 'medical_payments' | 'comprehensive' | 'collision';
/** Amounts in cents: a split limit is [per person, per accident]. */
type Amount = number | [number, number];

const k = 100_000; // $1,000 in cents
const splits: [number, number][] = [
  [25 * k, 50 * k],
  [50 * k, 100 * k],
  [100 * k, 300 * k],
  [250 * k, 500 * k],
];
const deductibles = [25_000, 50_000, 100_000, 200_000];
/** Standard options, used when the insurer's list for the state cannot be had (a state it does not write, an outage). */
const STANDARD: Record<Kind, Amount[]> = {
  bodily_injury: splits,
  property_damage: [25 * k, 50 * k, 100 * k],
  uninsured_motorist_bodily_injury: splits,
  medical_payments: [k, 2 * k, 5 * k, 10 * k],
  comprehensive: deductibles,
  collision: deductibles,
};

const fromGroup = (group: CoverageOptionGroup | undefined): Amount[] | undefined =>
  group?.options.map((o) =>
    o.perPersonCents !== undefined && o.perAccidentCents !== undefined
      ? ([o.perPersonCents, o.perAccidentCents] as [number, number])
      : (o.limitCents ?? o.deductibleCents ?? 0),
  );

const key = (amount: Amount | undefined | null) => (amount == null ? 'none' : Array.isArray(amount) ? amount.join('/') : String(amount));
const split = (value: unknown): Amount | undefined => {
  const v = value as { perPerson?: number; perAccident?: number } | undefined;
  return v?.perPerson !== undefined && v.perAccident !== undefined ? [v.perPerson, v.perAccident] : undefined;
};
const parse = (raw: string): Amount | null =>
  raw === 'none' ? null : raw.includes('/') ? (raw.split('/').map(Number) as [number, number]) : Number(raw);

export class CoverkitCoverageStep extends StepElement {
  readonly form = new FormController(this, 'coverage');
  readonly lookups = new LookupController(this);
  readonly needs = new NeedsController(this);
  /** Some pre-filled amounts were not offered and were moved to the nearest: say so. */
  #adjusted = false;

  #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.form.validate()) this.journey.nav.next();
  }

  /** The insurer's options for the state, or the standard ones; undefined while they load. */
  #options(): { options: Record<Kind, Amount[]>; standard: boolean } | undefined {
    const state = this.journey.answers.draft.address?.state;
    const lookup = state ? this.lookups.get<CoverageOptions>('/v1/lookups/coverages', { state }) : undefined;
    if (lookup && !lookup.value && !lookup.error) return undefined;
    const groups = lookup?.value?.coverages ?? [];
    const options = { ...STANDARD };
    let standard = true;
    for (const kind of Object.keys(STANDARD) as Kind[]) {
      const found = fromGroup(groups.find((g) => g.type === kind));
      if (found?.length) {
        options[kind] = found;
        standard = false;
      }
    }
    return { options, standard };
  }

  /** Sensible starting choices the shopper sees and can change: 100/300 liability, $500 deductibles. */
  #defaults(options: Record<Kind, Amount[]>) {
    const draft = this.journey.answers.draft;
    draft.effectiveDate ??= usDate(1);
    const coverage = (draft.coverage ??= {});
    const pick = (kind: Kind, preferred: string, fallback: number) =>
      options[kind].find((a) => key(a) === preferred) ?? options[kind][Math.min(fallback, options[kind].length - 1)];
    const asSplit = (a: Amount | undefined) => (Array.isArray(a) ? { perPerson: a[0], perAccident: a[1] } : undefined);
    coverage.bodilyInjuryCents ??= asSplit(pick('bodily_injury', `${100 * k}/${300 * k}`, 1));
    coverage.propertyDamageCents ??= pick('property_damage', String(100 * k), 99) as number;
    if (!('uninsuredMotoristCents' in coverage))
      coverage.uninsuredMotoristCents = asSplit(pick('uninsured_motorist_bodily_injury', key(split(coverage.bodilyInjuryCents)), 1));
    const count = draft.vehicles?.length ?? 1;
    const vehicles = (coverage.vehicles ??= []);
    vehicles.length = Math.min(vehicles.length, count);
    while (vehicles.length < count) {
      vehicles.push({
        comprehensiveDeductibleCents: pick('comprehensive', '50000', 1) as number,
        collisionDeductibleCents: pick('collision', '50000', 1) as number,
      });
    }
  }

  /**
   * Pre-filled amounts the options do not hold (a current policy's limits, a
   * dealer's guess) become the nearest amount offered, so what is asked for can
   * be quoted and every choice reads as money. True when one moved.
   */
  #fit(options: Record<Kind, Amount[]>): boolean {
    const coverage = (this.journey.answers.draft.coverage ??= {});
    let moved = false;
    const pair = (a: Amount) => (Array.isArray(a) ? a : [a, a]);
    const near = <A extends Amount>(kind: Kind, amount: A): A => {
      const list = options[kind];
      if (list.length === 0 || list.some((a) => key(a) === key(amount))) return amount;
      moved = true;
      const gap = (a: Amount) => pair(a).reduce((sum, v, i) => sum + Math.abs(Math.log((v + 1) / ((pair(amount)[i] as number) + 1))), 0);
      return list.reduce((best, a) => (gap(a) < gap(best) ? a : best)) as A;
    };
    const asSplit = (a: [number, number]) => ({ perPerson: a[0], perAccident: a[1] });
    const bodilyInjury = split(coverage.bodilyInjuryCents) as [number, number] | undefined;
    if (bodilyInjury) coverage.bodilyInjuryCents = asSplit(near('bodily_injury', bodilyInjury));
    const uninsured = split(coverage.uninsuredMotoristCents) as [number, number] | undefined;
    if (uninsured) coverage.uninsuredMotoristCents = asSplit(near('uninsured_motorist_bodily_injury', uninsured));
    if (typeof coverage.propertyDamageCents === 'number')
      coverage.propertyDamageCents = near('property_damage', coverage.propertyDamageCents);
    if (typeof coverage.medicalPaymentsCents === 'number')
      coverage.medicalPaymentsCents = near('medical_payments', coverage.medicalPaymentsCents);
    for (const v of coverage.vehicles ?? []) {
      if (typeof v.comprehensiveDeductibleCents === 'number')
        v.comprehensiveDeductibleCents = near('comprehensive', v.comprehensiveDeductibleCents);
      if (typeof v.collisionDeductibleCents === 'number') v.collisionDeductibleCents = near('collision', v.collisionDeductibleCents);
    }
    return moved;
  }

  #coverageSelect(path: string, label: string, options: Amount[], optional: boolean, write: (amount: Amount | null) => void) {
    const t = this.t;
    const current = getAt(this.journey.answers.draft, path);
    const value = typeof current === 'object' && current !== null ? key(split(current)) : key(current as number | null | undefined);
    const label$ = (a: Amount) => (Array.isArray(a) ? a.map((c) => money(c, this.intl, true)).join(' / ') : money(a, this.intl, true));
    return select(this.form, {
      path,
      label,
      required: true,
      value,
      options: [...(optional ? [['none', t.noCoverage] as const] : []), ...options.map((a) => [key(a), label$(a)] as const)],
      write: (raw) => write(parse(raw)),
    });
  }

  override render() {
    const { t, form } = this;
    const loaded = this.#options();
    // One outer template (one call site) whatever the state, so the focused heading survives the options arriving.
    if (!loaded) return this.#page(html`<p class="status" role="status">${t.loading}</p>`);
    const { options, standard } = loaded;
    // Fitted first, so the defaults that follow another answer (uninsured motorist = bodily injury) follow the fitted one.
    if (this.#fit(options)) this.#adjusted = true;
    this.#defaults(options);
    const draft = this.journey.answers.draft;
    const coverage = draft.coverage!;
    const asSplit = (a: Amount | null) => (Array.isArray(a) ? { perPerson: a[0], perAccident: a[1] } : undefined);
    const insuredFor = draft.priorInsurance?.monthsInsured;
    const months = [3, 6, 12, 24, 36, 60, 72, ...(insuredFor !== undefined && insuredFor > 0 ? [insuredFor] : [])];
    const fields = html`
      <div class="grid">
        ${input(form, { path: 'effectiveDate', label: t.startDate, type: 'date', required: true, min: usDate(1) })}
      </div>
      <fieldset part="fieldset">
        <legend>${t.liability}</legend>
        ${standard ? html`<p class="hint">${t.standardOptions}</p>` : nothing}
        <div class="grid">
          ${this.#coverageSelect('coverage.bodilyInjuryCents', t.bodilyInjury, options.bodily_injury, false, (a) => (coverage.bodilyInjuryCents = asSplit(a)))}
          ${this.#coverageSelect('coverage.propertyDamageCents', t.propertyDamage, options.property_damage, false, (a) => (coverage.propertyDamageCents = a as number))}
          ${this.#coverageSelect('coverage.uninsuredMotoristCents', t.uninsured, options.uninsured_motorist_bodily_injury, true, (a) => (coverage.uninsuredMotoristCents = asSplit(a)))}
          ${this.#coverageSelect('coverage.medicalPaymentsCents', t.medical, options.medical_payments, true, (a) => (coverage.medicalPaymentsCents = (a as number | null) ?? undefined))}
        </div>
      </fieldset>
      ${(draft.vehicles ?? []).map((vehicle, i) => {
        const at = `coverage.vehicles.${i}`;
        const own = coverage.vehicles![i]!;
        form.group(t.vehicleLabel(vehicle, i + 1));
        return html`<fieldset part="fieldset">
          <legend>${t.vehicleLabel(vehicle, i + 1)}</legend>
          <div class="grid">
            ${this.#coverageSelect(`${at}.comprehensiveDeductibleCents`, t.comprehensive, options.comprehensive, true, (a) => (own.comprehensiveDeductibleCents = a as number | null))}
            ${this.#coverageSelect(`${at}.collisionDeductibleCents`, t.collision, options.collision, true, (a) => (own.collisionDeductibleCents = a as number | null))}
          </div>
        </fieldset>`;
      })}
      ${form.group(undefined)}
      <fieldset part="fieldset">
        <legend>${t.currentInsurance}</legend>
        <div class="grid">${this.#insurance(months)}</div>
      </fieldset>`;
    return this.#page(
      html`<form part="form" novalidate @submit=${this.#handleSubmit}>${form.summary()}${
        this.#adjusted ? html`<p class="notice" part="notice">${t.adjusted}</p>` : nothing
      }${fields}${this.nav()}</form>`,
    );
  }

  /**
   * One question for "are you insured now, and for how long": no vendor needs
   * the insurer's name, so it is not asked. A shopper with none is asked when
   * the last policy ended only when a vendor needs it (CoverHound does).
   */
  #insurance(months: number[]) {
    const { t, form } = this;
    const answers = this.journey.answers;
    const draft = answers.draft;
    const prior = draft.priorInsurance;
    const value =
      answers.insuredNow === false ? '0' : answers.insuredNow && prior?.monthsInsured !== undefined ? String(prior.monthsInsured) : '';
    const lapse = { ...draft, priorInsurance: { ...prior, monthsInsured: 0 } };
    return html`${select(form, {
      path: 'priorInsurance.monthsInsured',
      label: t.insuredFor,
      required: true,
      value,
      options: [['0', t.notInsured], ...[...new Set(months)].sort((a, b) => a - b).map((m) => [String(m), t.months(m)] as const)],
      write: (raw) => {
        answers.insuredNow = raw === '' ? undefined : raw !== '0';
        if (raw === '') delete draft.priorInsurance?.monthsInsured;
        else draft.priorInsurance = { ...draft.priorInsurance, monthsInsured: Number(raw) };
        // A current policy's end date (still ahead) is not when a shopper with no insurance was last insured.
        const ended = draft.priorInsurance?.expirationDate;
        if (raw === '0' && ended && ended > usDate()) delete draft.priorInsurance?.expirationDate;
      },
    })}
    ${
      answers.insuredNow === false && this.needs.has('priorInsurance.expirationDate', { answers: lapse })
        ? input(form, {
            path: 'priorInsurance.expirationDate',
            label: t.lastInsured,
            type: 'date',
            required: true,
            min: '1900-01-01',
            max: usDate(),
          })
        : nothing
    }`;
  }

  #page(content: unknown) {
    return html`${this.heading()}${content}`;
  }
}
