// Builds the pinyin-initials search index with pinyin-pro (services layer only).
import { pinyin } from 'pinyin-pro';
import type { Catalogue } from '@tongban/protocol/catalogue/schema';
import { buildSearchIndex, type SearchIndex } from '@common/catalogue/search';

/** Per-character initials of Chinese text ('社保卡' → ['s', 'b', 'k']); other characters pass through. */
export function syllableInitials(text: string): string[] {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' });
}

/** Builds the search index of a catalogue using pinyin-pro initials. */
export function buildPinyinSearchIndex(catalogue: Catalogue): SearchIndex {
  return buildSearchIndex(catalogue, syllableInitials);
}
