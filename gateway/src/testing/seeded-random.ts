export { seededRandom } from '../../../src-main/common/seeded-random';
