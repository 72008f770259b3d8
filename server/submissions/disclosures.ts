/**
 * The consent disclosures, by version and language. A version's words never
 * change once served: a new wording is a new version, and older versions stay
 * here so a shopper who was shown one can still submit with it. The server
 * renders the dealer's name into the words it serves and stores, so what is
 * stored with a submission is exactly what the shopper read.
 */
import type { ConsentDisclosure, ConsentLocale } from '../../contract/index.ts';

type Wording = { checkboxLabel: (dealer: string) => string; text: (dealer: string) => string };

const DISCLOSURES: Record<string, Record<ConsentLocale, Wording>> = {
  'contact-2026-12': {
    en: {
      checkboxLabel: (dealer) => `I agree to be contacted by ${dealer} about this quote`,
      text: (dealer) =>
        `By ticking this box and sending your quote, you agree that ${dealer} and the insurance agency it works with may contact you ` +
        'about this quote and your car insurance by phone, email or text message at the number and address you gave, including with ' +
        'automated calls or texts. Message and data rates may apply. Agreeing is not a condition of buying anything. You can take your ' +
        `agreement back at any time by telling ${dealer}.`,
    },
    es: {
      checkboxLabel: (dealer) => `Acepto que ${dealer} me contacte sobre esta cotización`,
      text: (dealer) =>
        `Al marcar esta casilla y enviar tu cotización, aceptas que ${dealer} y la agencia de seguros con la que trabaja te contacten ` +
        'sobre esta cotización y tu seguro de auto por teléfono, correo electrónico o mensaje de texto al número y la dirección que ' +
        'diste, incluso con llamadas o mensajes automatizados. Pueden aplicarse tarifas de mensajes y datos. Aceptar no es una ' +
        `condición para comprar nada. Puedes retirar tu aceptación en cualquier momento diciéndoselo a ${dealer}.`,
    },
  },
};

/** The wording the widget shows now. */
const CURRENT_VERSION = 'contact-2026-12';

/** The disclosure of `version` (the current one by default) in `locale`, for `dealer`; undefined for a version we never served. */
export function disclosure(dealer: string, locale: ConsentLocale, version = CURRENT_VERSION): ConsentDisclosure | undefined {
  const wording = Object.hasOwn(DISCLOSURES, version) ? DISCLOSURES[version]?.[locale] : undefined;
  if (!wording) return undefined;
  return { version, locale, checkboxLabel: wording.checkboxLabel(dealer), text: wording.text(dealer) };
}
