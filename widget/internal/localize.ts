/**
 * English and Spanish strings, and a reactive controller that re-renders its
 * host when the locale changes. Every shopper-facing string goes through `t`.
 * Only the greeting's English (strings/greeting.ts) is in the widget's first
 * chunk: the rest of English and all of Spanish are chunks of their own, loaded
 * before a step is defined (steps.ts) and, on a Spanish page, before the widget
 * starts, so nothing renders a string it does not have yet.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pinChunks } from './chunks.ts';
import type { Messages } from './strings/en.ts';
import { enGreeting } from './strings/greeting.ts';

export type { Messages };

export type Locale = 'en' | 'es';

/** The best supported locale for a requested one ("es-MX" → "es"), defaulting to English. */
function resolveLocale(requested: string | undefined): Locale {
  const base = (requested ?? '').toLowerCase().split('-')[0];
  return base === 'es' ? 'es' : 'en';
}

const LOADERS: Record<Locale, () => Promise<Messages>> = {
  en: () => {
    pinChunks('steps'); // the rest of English comes with the steps
    return import('./strings/en.ts').then((module) => module.en);
  },
  es: () => {
    pinChunks('spanish');
    return import('./strings/es.ts').then((module) => module.es);
  },
};
const loaded: Partial<Record<Locale, Messages>> = {};
const loading = new Map<Locale, Promise<void>>();

function loadLocale(locale: Locale): Promise<void> {
  if (loaded[locale]) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = LOADERS[locale]().then(
      (messages) => {
        loaded[locale] = messages;
      },
      (error: unknown) => {
        loading.delete(locale); // asked for again next time
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/**
 * Loads the strings of the languages the page asks for (its `lang`, and each
 * widget's `locale`). For the greeting, English needs nothing more: it is in
 * this chunk.
 */
export function loadPageLocale(forWhat: 'greeting' | 'steps'): Promise<void> {
  const asked = [
    document.documentElement.lang,
    ...[...document.querySelectorAll('coverkit-widget[locale]')].map((el) => el.getAttribute('locale') ?? ''),
  ];
  const locales = new Set(asked.map(resolveLocale));
  if (forWhat === 'greeting') locales.delete('en');
  return Promise.all([...locales].map(loadLocale)).then(() => undefined);
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

  /**
   * The strings of `lang`. Until they have loaded (a widget switched to
   * Spanish just now), English, then the host renders again; before any step
   * has loaded, the greeting's English, which is all the greeting reads.
   */
  get t(): Messages {
    const lang = this.lang;
    const messages = loaded[lang];
    if (messages) return messages;
    // English is loaded with the first step (steps.ts); another language is loaded now.
    if (lang !== 'en') {
      loadLocale(lang).then(
        () => this.host.requestUpdate(),
        () => undefined,
      );
    }
    return loaded.en ?? (enGreeting as Messages);
  }

  /** A BCP 47 tag for Intl formatting: US English or US Spanish. */
  get intl(): string {
    return `${this.lang}-US`;
  }
}
