// Where the shipped synthetic licence fixtures are (tests, the bench, training gateways: `licences import`).
import { resolve } from 'node:path';

/** gateway/fixtures/licences.json: synthetic holders (resources/test-cards people), clearly fixture data. */
export const LICENCE_FIXTURE_FILE = resolve(__dirname, '..', '..', 'fixtures', 'licences.json');
