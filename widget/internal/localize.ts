/**
 * English and Spanish strings, and a reactive controller that re-renders its
 * host when the locale changes. Every shopper-facing string goes through `t`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Messages } from './strings/en.ts';
import { es } from './strings/es.ts';

export type { Messages };

const LOCALES = { en, es } as const;
export type Locale = keyof typeof LOCALES;

/** The best supported locale for a requested one ("es-MX" → "es"), defaulting to English. */
function resolveLocale(requested: string | undefined): Locale {
  const base = (requested ?? '').toLowerCase().split('-')[0];
  return base === 'es' ? 'es' : 'en';
}

/** Hosts without a locale of their own follow the page's `lang`: they render again when it changes. */
const followers = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

export class LocalizeController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & { locale?: string }) {
    host.addController(this);
  }

  hostConnected() {
    followers.add(this.host);
    observer ??= new MutationObserver(() => {
      for (const host of followers) host.requestUpdate();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected() {
    followers.delete(this.host);
  }

  get lang(): Locale {
    return resolveLocale(this.host.locale ?? document.documentElement.lang);
  }

  get t(): Messages {
    return LOCALES[this.lang];
  }

  /** A BCP 47 tag for Intl formatting: US English or US Spanish. */
  get intl(): string {
    return `${this.lang}-US`;
  }
}
