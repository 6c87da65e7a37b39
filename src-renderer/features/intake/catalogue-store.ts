import { create } from 'zustand';
import {
  CATALOGUE_SCHEMA_VERSION,
  type Catalogue,
  type Matter,
  type Situation,
} from '@tongban/protocol/catalogue/schema';
import { searchMatters, type SearchIndex } from '@common/catalogue/search';
import type { DivisionLookup } from '@tongban/protocol/catalogue/divisions';
import type { DivisionsView } from '@common/contract';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { useAuthStore } from '../auth/store';
import { divisionOptions, lookupOf, type DivisionOption } from './divisions';

interface CatalogueState {
  catalogue: Catalogue | null;
  searchIndex: SearchIndex | null;
  divisions: DivisionsView | null;
  divisionOptions: DivisionOption[];
  lookup: DivisionLookup | null;
  loading: boolean;
  loadError: AppErrorData | null;
  /** Loads the matter catalogue and the divisions once per sign-in. */
  load(): Promise<void>;
}

let loading: Promise<void> | null = null;

/** The matter catalogue (with its pinyin index) and the division names, as the wizard and the case list need them. */
export const useCatalogueStore = create<CatalogueState>()((set, get) => ({
  catalogue: null,
  searchIndex: null,
  divisions: null,
  divisionOptions: [],
  lookup: null,
  loading: false,
  loadError: null,

  load() {
    if (get().catalogue && get().divisions) return Promise.resolve();
    loading ??= (async () => {
      set({ loading: true });
      const [catalogue, divisions] = await Promise.all([call('catalogue:get', {}), call('catalogue:divisions', {})]);
      loading = null;
      if (!catalogue.ok) return set({ loading: false, loadError: catalogue.error });
      if (!divisions.ok) return set({ loading: false, loadError: divisions.error });
      const view = catalogue.value;
      set({
        catalogue: {
          schemaVersion: CATALOGUE_SCHEMA_VERSION,
          catalogueVersion: view.version,
          publishedAt: view.publishedAt,
          sourceNotes: [],
          matters: view.matters,
        },
        searchIndex: view.searchIndex,
        divisions: divisions.value,
        divisionOptions: divisionOptions(divisions.value),
        lookup: lookupOf(divisions.value),
        loading: false,
        loadError: null,
      });
    })();
    return loading;
  },
}));

/** A matter by code, if the catalogue has it. */
export function findMatter(catalogue: Catalogue | null, code: string | null): Matter | undefined {
  return code ? catalogue?.matters.find((m) => m.code === code) : undefined;
}

/** A situation of a matter by code. */
export function findSituation(matter: Matter | undefined, code: string | null): Situation | undefined {
  return code ? matter?.situations.find((s) => s.code === code) : undefined;
}

/** Matters for the search box: all of them in catalogue order when nothing is typed. */
export function matchMatters(catalogue: Catalogue, index: SearchIndex, query: string): Matter[] {
  return query.trim() ? searchMatters(catalogue, query, index).map((hit) => hit.matter) : catalogue.matters;
}

// Another person signing in may see another catalogue (an administrator may have imported one).
useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) {
    useCatalogueStore.setState({
      catalogue: null,
      searchIndex: null,
      divisions: null,
      divisionOptions: [],
      lookup: null,
      loadError: null,
    });
  }
});
