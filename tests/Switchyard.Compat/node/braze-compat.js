// Drives a Braze-compatible REST API (the Switchyard sandbox) with the npm braze-api client and prints, as
// one JSON line, what each call returned. Usage: node braze-compat.js <rest-url> <api-key>
'use strict';
const { Braze } = require('braze-api');

const [apiUrl, apiKey] = process.argv.slice(2);
if (!apiUrl || !apiKey) {
  console.error('usage: node braze-compat.js <rest-url> <api-key>');
  process.exit(2);
}

async function attempt(call) {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    return { ok: false, status: error.status ?? null, message: error.message ?? String(error), errors: error.errors ?? null };
  }
}

async function main() {
  const braze = new Braze(apiUrl.replace(/\/+$/, ''), apiKey);
  const now = new Date().toISOString();
  const results = {};

  results.track = await attempt(() => braze.users.track({
    attributes: [{
      external_id: 'compat-braze-1',
      first_name: 'Grace',
      email: 'grace@example.com',
      plan: 'pro',
      visits: 3,
      genres: ['jazz', 'rock'],
    }],
    events: [
      { external_id: 'compat-braze-1', name: 'Played Song', time: now, properties: { song: 'So What' } },
      { external_id: 'compat-braze-1', name: 'Played Song', time: now },
    ],
    purchases: [
      { external_id: 'compat-braze-1', product_id: 'album-7', currency: 'USD', price: 9.99, quantity: 2, time: now },
    ],
  }));

  results.update = await attempt(() => braze.users.track({
    attributes: [{ external_id: 'compat-braze-1', visits: { inc: 2 }, genres: { add: ['blues'], remove: ['rock'] } }],
  }, true));

  results.partial = await attempt(() => braze.users.track({
    purchases: [
      { external_id: 'compat-braze-1', product_id: 'album-8', currency: 'USD', price: 5, time: now },
      { external_id: 'compat-braze-1', product_id: 'album-9', currency: 'USD', price: 5, quantity: 500, time: now },
    ],
  }));

  results.exported = await attempt(() => braze.users.export.ids({
    external_ids: ['compat-braze-1'],
    fields_to_export: ['external_id', 'first_name', 'email', 'custom_attributes', 'custom_events', 'purchases'],
  }));

  results.wrongKey = await attempt(() => new Braze(apiUrl.replace(/\/+$/, ''), apiKey + '-wrong').users.track({
    attributes: [{ external_id: 'compat-braze-1', plan: 'free' }],
  }));

  results.deleted = await attempt(() => braze.users.delete({ external_ids: ['compat-braze-1'] }));
  results.exportedAfterDelete = await attempt(() => braze.users.export.ids({ external_ids: ['compat-braze-1'], fields_to_export: ['external_id'] }));

  console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
