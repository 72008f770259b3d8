/**
 * English for the widget's own screen (the greeting, Close, and why it cannot
 * start): what the first paint shows, in the widget's first chunk. The rest of
 * the English (en.ts) comes with the first step the shopper opens.
 */
export const enGreeting = {
  loading: 'Loading…',
  title: 'Insurance for your next car',
  offeredBy: (dealer: string) => `Offered by ${dealer}`,
  startQuote: 'Get quotes',
  connectPolicy: 'Use my current policy',
  lookupPolicy: 'Find my quote or policy',
  close: 'Close',
  closeQuestion: 'Close and discard your answers?',
  closeExplained:
    'What you have entered so far will be deleted. To come back to it later, keep it: it stays here when you reload the page.',
  discardAnswers: 'Discard my answers',
  keepEditing: 'Keep my answers',
  changedElsewhere: 'Your answers were changed in another tab or window.',
  useTheirs: 'Show those answers',
  keepMine: 'Keep these',
  retry: 'Try again',
  startFailed: 'We could not start. Please try again.',
  notAllowed: 'Insurance quotes are not available on this page.',
  sessionEnded: 'Your session has ended. Start again to continue.',
  networkError: 'We could not reach the server. Check your connection and try again.',
  busy: 'Too many tries in a short time. Wait a minute, then try again.',
  // A resume link that did not open, said on the greeting.
  resumeUsed: 'That link was already used: each link opens once.',
  resumeExpired: 'That link has expired.',
  resumeInvalid: 'That link could not be opened.',
  resumeAgain: 'To carry on with your answers, make a new link on the device where you started, or start again here.',
};
