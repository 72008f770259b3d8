/**
 * English and Spanish strings, and a reactive controller that re-renders its
 * host when the locale changes. Every shopper-facing string goes through `t`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const en = {
  loading: 'Loading…',
  title: 'Insurance for your next car',
  offeredBy: (dealer: string) => `Offered by ${dealer}`,
  startQuote: 'Get quotes',
  connectPolicy: 'Use my current policy',
  lookupPolicy: 'Find my quote or policy',
  close: 'Close',
  retry: 'Try again',
  startFailed: 'We could not start. Please try again.',
  notAllowed: 'Insurance quotes are not available on this page.',
  sessionEnded: 'Your session has ended. Start again to continue.',
};
export type Messages = typeof en;

const es: Messages = {
  loading: 'Cargando…',
  title: 'Seguro para tu próximo auto',
  offeredBy: (dealer) => `Ofrecido por ${dealer}`,
  startQuote: 'Obtener cotizaciones',
  connectPolicy: 'Usar mi póliza actual',
  lookupPolicy: 'Buscar mi cotización o póliza',
  close: 'Cerrar',
  retry: 'Intentar de nuevo',
  startFailed: 'No pudimos comenzar. Inténtalo de nuevo.',
  notAllowed: 'Las cotizaciones de seguro no están disponibles en esta página.',
  sessionEnded: 'Tu sesión terminó. Vuelve a empezar para continuar.',
};

export const LOCALES = { en, es } as const;
export type Locale = keyof typeof LOCALES;

/** The best supported locale for a requested one ("es-MX" → "es"), defaulting to English. */
export function resolveLocale(requested: string | undefined): Locale {
  const base = (requested ?? '').toLowerCase().split('-')[0];
  return base === 'es' ? 'es' : 'en';
}

export class LocalizeController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & { locale?: string },
  ) {
    host.addController(this);
  }

  hostConnected() {}

  get lang(): Locale {
    return resolveLocale(this.host.locale ?? document.documentElement.lang);
  }

  get t(): Messages {
    return LOCALES[this.lang];
  }
}
