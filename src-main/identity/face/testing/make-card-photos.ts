// Writes the sample cards' chip photos (resources/test-cards/<cardId>.jpg) from the labelled face set:
// `npx tsx --tsconfig tsconfig.json src-main/identity/face/testing/make-card-photos.ts`. Deterministic;
// re-run only when the mapping or chipPhoto() changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chipPhoto, SAMPLE_PEOPLE } from './face-samples';

/** Which person of the labelled set each sample card shows. */
export const CARD_PEOPLE: Record<string, string> = {
  'zhangsan-adult': 's5a',
  'lisi-adult': 's6a',
  'zhaoliu-expired': 's3c',
  'wangxiaoming-minor': 's4b',
  'wangjianguo-guardian': 's1b',
  'chenmeiling-hk-residence': 's5d',
  'smith-foreign-2023': 's6d',
};

if (require.main === module) {
  const dir = join(__dirname, '..', '..', '..', '..', 'resources', 'test-cards');
  for (const [cardId, personId] of Object.entries(CARD_PEOPLE)) {
    const person = SAMPLE_PEOPLE.find((p) => p.id === personId);
    if (!person) throw new Error(`no person ${personId}`);
    writeFileSync(join(dir, `${cardId}.jpg`), chipPhoto(person));
    const file = join(dir, `${cardId}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    json.photoFile = `${cardId}.jpg`;
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  }
}
