// The dealer page's side of the integration: listen to the widget's events.
// A real dealer would forward these to analytics or its CRM.
const list = document.getElementById('events');
const log = (text) => {
  const item = document.createElement('li');
  item.textContent = text;
  list.append(item);
};
for (const name of ['coverkit-event', 'coverkit-exit', 'coverkit-success']) {
  document.addEventListener(name, (event) => log(`${name}: ${JSON.stringify(event.detail)}`));
}

// …and, in sandbox mode, the webhooks the dealer's backend would receive: this server's demo
// receiver verifies each with the standardwebhooks package and lists it here. Elsewhere there
// is no receiver (404) and the page stops asking.
const WEBHOOK_POLL_MS = 2000;
let lastSeq = 0;
async function pollWebhooks() {
  let answer;
  try {
    answer = await fetch(`/demo/webhooks?after=${lastSeq}`, { headers: { Accept: 'application/json' } });
  } catch {
    return setTimeout(pollWebhooks, WEBHOOK_POLL_MS * 5);
  }
  if (answer.status === 404) return;
  if (answer.ok) {
    for (const event of (await answer.json()).events) {
      lastSeq = event.seq;
      // Its ids, states and counts: what the dealer would look up with its secret key.
      const summary = Object.entries(event.data)
        .filter(([key, value]) => /Id$|Ref$|status|Count$/.test(key) && value !== null)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ');
      log(`webhook ${event.type} ✓ verified: ${summary}`);
    }
  }
  setTimeout(pollWebhooks, WEBHOOK_POLL_MS);
}
pollWebhooks();
