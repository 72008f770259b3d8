/**
 * The code of the resume link this page was opened from (`?coverkit_resume=…`,
 * see POST /v1/session/resume-link), taken off the address bar as it is read:
 * it opens once, so a reload must not send it again, and it must not stay in
 * the page's history or in a link the shopper shares.
 */
import { RESUME_PARAMETER } from '../../contract/resume-parameter.ts';

export function takeResumeCode(): string | undefined {
  const url = new URL(window.location.href);
  const code = url.searchParams.get(RESUME_PARAMETER);
  if (code === null) return undefined;
  url.searchParams.delete(RESUME_PARAMETER);
  // The page's own history state is kept: a router's, or the widget's step marker.
  history.replaceState(history.state, '', url.href);
  return code || undefined;
}
