// Sends batches to a Switchyard Events API with the official mParticle Node SDK and prints, as one JSON
// line, the HTTP status each call received. Usage: node mparticle-compat.js <base-url> <key> <secret>
'use strict';
const mParticle = require('mparticle');

const [baseUrl, key, secret] = process.argv.slice(2);
if (!baseUrl || !key || !secret) {
  console.error('usage: node mparticle-compat.js <base-url> <key> <secret>');
  process.exit(2);
}

function api(apiKey, apiSecret) {
  const client = new mParticle.ApiClient();
  client.basePath = baseUrl.replace(/\/+$/, '') + '/v2';
  client.timeout = 10000;
  return new mParticle.EventsApi(new mParticle.Configuration(apiKey, apiSecret), client);
}

function call(method, target, body) {
  return new Promise((resolve) => {
    target[method](body, (error, data, response) => {
      resolve({ status: response ? response.status : null, error: error ? String(error.message || error) : null });
    });
  });
}

function customEventBatch() {
  const batch = new mParticle.Batch(mParticle.Batch.Environment.development);
  batch.source_request_id = 'compat-custom-1';
  batch.user_identities = new mParticle.UserIdentities();
  batch.user_identities.customerid = 'compat-user-1';
  batch.user_identities.email = 'compat@example.com';
  batch.user_attributes = { '$FirstName': 'Ada', 'hair color': 'brown', 'favourite genres': ['jazz', 'rock'] };
  const event = new mParticle.AppEvent(mParticle.AppEvent.CustomEventType.navigation, 'Hello World');
  event.custom_attributes = { section: 'home', depth: '3' };
  batch.addEvent(event);
  return batch;
}

function screenAndPurchaseBatch() {
  const batch = new mParticle.Batch(mParticle.Batch.Environment.development);
  batch.source_request_id = 'compat-commerce-1';
  batch.user_identities = new mParticle.UserIdentities();
  batch.user_identities.customerid = 'compat-user-2';
  const device = new mParticle.DeviceInformation();
  device.ios_advertising_id = '07d2ebaa-e956-407e-a1e6-f05f871bf4e2';
  batch.device_info = device;
  batch.addEvent(new mParticle.ScreenViewEvent('Checkout'));

  const product = new mParticle.Product();
  product.id = 'sku-42';
  product.name = 'Espresso machine';
  product.price = 199.5;
  product.quantity = 2;
  const action = new mParticle.ProductAction('purchase');
  action.transaction_id = 'tx-1001';
  action.total_amount = 399;
  action.products = [product];
  const purchase = new mParticle.CommerceEvent();
  purchase.product_action = action;
  purchase.currency_code = 'EUR';
  purchase.timestamp_unixtime_ms = Date.now();
  batch.addEvent(purchase);
  return batch;
}

async function main() {
  const good = api(key, secret);
  const results = {
    single: await call('uploadEvents', good, customEventBatch()),
    bulk: await call('bulkUploadEvents', good, [screenAndPurchaseBatch()]),
    repeated: await call('uploadEvents', good, customEventBatch()),
    wrongSecret: await call('uploadEvents', api(key, secret + 'x'), customEventBatch()),
  };
  console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
