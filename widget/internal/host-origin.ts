/**
 * The origin of the Coverkit server the widget's code came from, which also
 * answers its API: the script that is running when this module is evaluated
 * (a classic script tag), or what the hosted module entry says it is (a
 * module has no `document.currentScript`: coverkit.ts gives its own URL).
 */
let origin: string | undefined = (() => {
  const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
  try {
    return script?.src ? new URL(script.src).origin : undefined;
  } catch {
    return undefined;
  }
})();

export const hostOrigin = (): string | undefined => origin;

export function setHostOrigin(url: string) {
  origin = new URL(url).origin;
}
