export { seededRandom } from '@tongban/protocol/seeded-random';
