// The dealer page's side of the integration: listen to the widget's events.
// A real dealer would forward these to analytics or its CRM.
const list = document.getElementById('events');
for (const name of ['coverkit-event', 'coverkit-exit', 'coverkit-success']) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name}: ${JSON.stringify(event.detail)}`;
    list.append(item);
  });
}
