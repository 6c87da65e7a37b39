import { create } from 'zustand';
import { deliveryOptions } from '@common/cases/delivery';
import type { Application, MaterialHandling, Person } from '@tongban/protocol/cases/application';
import type { AttachmentInfo } from '@common/cases/case-types';
import type { FormalCheckResult } from '@common/cases/formal-check';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';
import type { CommandInput, DecisionView } from '@common/contract';
import type { Result } from '@common/result';
import { call } from '../../api/call';
import { useAuthStore } from '../auth/store';
import { createAutosave } from './autosave';
import { useDraftsStore } from './drafts-store';
import { fileProblem, readBase64, uploadName } from './files';
import { emptyWizardData, parseDraftData, STEP, withSituation, type MaterialEntry, type WizardData } from './model';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** The application being filled in: its draft, what was typed, which fields have been visited. */
export interface Wizard {
  /** The draft's case id; null until a matter is chosen (no empty drafts). */
  caseId: string | null;
  data: WizardData;
  attachments: AttachmentInfo[];
  /** Fields whose problems are shown (visited, or their step's 下一步 was pressed). */
  touched: Record<string, true>;
  attempted: Record<number, true>;
  save: SaveState;
  savedAt: string | null;
}

/** A window outcome just decided, for the result page. */
export interface IntakeResult {
  decision: DecisionView;
  matterCode: string;
  situationCode: string;
  applicantName: string;
  /** 代办 cases also print a 授权委托书. */
  mode?: Application['mode'];
}

export type Outcome = 'accept' | 'notify' | 'reject';

/** What a card read gives the form. */
export interface CardFill {
  name: string;
  idType: Person['idType'];
  idNumber: string;
  address?: string | undefined;
}

interface IntakeState {
  wizard: Wizard;
  result: IntakeResult | null;
  /** The main process's own verdict on the application as last sent (intake:check). */
  remote: { key: string; result: FormalCheckResult } | null;
  startNew(): Promise<void>;
  open(caseId: string): Promise<Result<unknown>>;
  resumeIncomplete(caseId: string): Promise<Result<unknown>>;
  pickMatter(matter: Matter): Promise<Result<unknown>>;
  pickSituation(situation: Situation): void;
  update(patch: Partial<WizardData>): void;
  setMaterial(code: string, entry: MaterialEntry): void;
  /** Sets several materials at once (其余必需材料按常规方式收取). */
  setMaterials(entries: Record<string, MaterialEntry>): void;
  /**
   * Fills a person from a card read: name, document type and number, and the card's address as the
   * contact address unless the clerk typed one; the person's own ID material becomes 原件核验后退还 unless set.
   */
  fillFromCard(
    role: 'applicant' | 'agent',
    card: CardFill,
    identityMaterial: string | null,
    previousAddress?: string,
  ): void;
  touch(path: string): void;
  attempt(step: number): void;
  /** Uploads a file; a material not yet received becomes `receivedAs` (a photo taken at the window is 电子). */
  addAttachment(materialCode: string, file: File, receivedAs?: MaterialHandling): Promise<Result<AttachmentInfo>>;
  removeAttachment(attachmentId: string): Promise<Result<null>>;
  discard(): Promise<Result<null>>;
  recheck(app: Application): Promise<void>;
  decide(outcome: Outcome, app: Application, reason?: string): Promise<Result<DecisionView>>;
  flush(): Promise<void>;
  closeResult(): void;
  /** Forgets everything (another person signed in). */
  clear(): void;
}

const freshWizard = (): Wizard => ({
  caseId: null,
  data: emptyWizardData(),
  attachments: [],
  touched: {},
  attempted: {},
  save: 'idle',
  savedAt: null,
});

/** The intake wizard: one application at a time, autosaved as a draft while the clerk types. */
export const useIntakeStore = create<IntakeState>()((set, get) => {
  const patchWizard = (patch: Partial<Wizard>) => set({ wizard: { ...get().wizard, ...patch } });

  const autosave = createAutosave({
    snapshot() {
      const { caseId, data } = get().wizard;
      if (!caseId) return null;
      const input = {
        caseId,
        matterCode: data.matterCode,
        situationCode: data.situationCode,
        data: data as unknown as CommandInput<'drafts:save'>['data'],
      };
      return { caseId, save: async () => (await call('drafts:save', input)).ok };
    },
    report(caseId, save) {
      if (get().wizard.caseId !== caseId) return;
      patchWizard(save === 'saved' ? { save, savedAt: new Date().toISOString() } : { save });
    },
  });

  const changeData = (data: WizardData) => {
    patchWizard({ data });
    autosave.changed(get().wizard.caseId);
  };

  const load = async (caseId: string): Promise<Result<unknown>> => {
    await autosave.flush();
    const result = await call('drafts:get', { caseId });
    if (!result.ok) return result;
    const data = parseDraftData(result.value.data);
    const attempted: Record<number, true> = {};
    for (let step = 0; step < data.step; step += 1) attempted[step] = true;
    set({
      result: null,
      remote: null,
      wizard: {
        caseId,
        data,
        attachments: result.value.attachments,
        touched: {},
        attempted,
        save: 'saved',
        savedAt: result.value.updatedAt,
      },
    });
    return result;
  };

  return {
    wizard: freshWizard(),
    result: null,
    remote: null,

    async startNew() {
      await autosave.flush();
      set({ wizard: freshWizard(), result: null, remote: null });
      void useDraftsStore.getState().load();
    },

    open: load,

    async resumeIncomplete(caseId) {
      const resumed = await call('drafts:resume', { caseId });
      return resumed.ok ? load(resumed.value.caseId) : resumed;
    },

    async pickMatter(matter) {
      let { caseId } = get().wizard;
      if (!caseId) {
        const created = await call('drafts:create', {});
        if (!created.ok) return created;
        caseId = created.value.caseId;
        patchWizard({ caseId });
        void useDraftsStore.getState().load();
      }
      const { data } = get().wizard;
      const same = data.matterCode === matter.code;
      const mode = !matter.agency.agentAllowed && data.mode === 'proxy' ? 'self' : data.mode;
      let next: WizardData = same
        ? data
        : {
            ...data,
            matterCode: matter.code,
            situationCode: null,
            mode,
            form: {},
            materials: {},
            localityAuto: true,
            localityDivision: '',
          };
      const only = matter.situations.length === 1 ? matter.situations[0] : undefined;
      if (!same && only) next = withSituation(next, only);
      if (!deliveryOptions(matter.delivery).includes(next.delivery))
        next = { ...next, delivery: matter.delivery[0] ?? 'window' };
      changeData({ ...next, step: STEP.situation });
      return { ok: true, value: null };
    },

    pickSituation(situation) {
      const { data } = get().wizard;
      if (data.situationCode !== situation.code) changeData(withSituation(data, situation));
    },

    update(patch) {
      changeData({ ...get().wizard.data, ...patch });
    },

    setMaterial(code, entry) {
      const { data } = get().wizard;
      changeData({ ...data, materials: { ...data.materials, [code]: entry } });
    },

    setMaterials(entries) {
      const { data } = get().wizard;
      changeData({ ...data, materials: { ...data.materials, ...entries } });
    },

    fillFromCard(role, card, identityMaterial, previousAddress) {
      const { data } = get().wizard;
      const person = data[role];
      // The card's address fills 联系地址 unless the clerk typed another one (a previous card's is replaced).
      const typed = person.address.trim() !== '' && person.address !== previousAddress;
      const address = typed ? person.address : (card.address ?? person.address);
      const filled = { ...person, name: card.name, idType: card.idType, idNumber: card.idNumber, address };
      const materials =
        identityMaterial && (data.materials[identityMaterial]?.handling ?? 'not-provided') === 'not-provided'
          ? { ...data.materials, [identityMaterial]: { handling: 'seen-returned' as const, pages: 1 } }
          : data.materials;
      changeData({ ...data, [role]: filled, materials });
    },

    touch(path) {
      if (!get().wizard.touched[path]) patchWizard({ touched: { ...get().wizard.touched, [path]: true } });
    },

    attempt(step) {
      patchWizard({ attempted: { ...get().wizard.attempted, [step]: true } });
    },

    async addAttachment(materialCode, file, receivedAs) {
      const { caseId } = get().wizard;
      if (!caseId) return { ok: false, error: { code: 'not-found', message: 'no draft yet' } };
      const problem = fileProblem(file);
      if (problem) return problem;
      const dataBase64 = await readBase64(file);
      const result = await call('attachments:add', {
        caseId,
        materialCode,
        fileName: uploadName(file.name),
        dataBase64,
      });
      if (result.ok && get().wizard.caseId === caseId) {
        patchWizard({ attachments: [...get().wizard.attachments, result.value] });
        const entry = get().wizard.data.materials[materialCode];
        if (receivedAs && (entry?.handling ?? 'not-provided') === 'not-provided')
          get().setMaterial(materialCode, { handling: receivedAs, pages: 1 });
      }
      return result;
    },

    async removeAttachment(attachmentId) {
      const result = await call('attachments:remove', { attachmentId });
      if (result.ok)
        patchWizard({ attachments: get().wizard.attachments.filter((a) => a.attachmentId !== attachmentId) });
      return result;
    },

    async discard() {
      const { caseId } = get().wizard;
      if (!caseId) return { ok: true, value: null };
      const result = await useDraftsStore.getState().discard(caseId);
      if (result.ok) {
        autosave.forget();
        set({ wizard: freshWizard(), remote: null });
      }
      return result;
    },

    async recheck(app) {
      const key = JSON.stringify(app);
      const result = await call('intake:check', { application: app });
      if (result.ok && get().wizard.caseId === app.caseId) set({ remote: { key, result: result.value } });
    },

    async decide(outcome, app, reason) {
      // The draft is stored first: if the decision is refused, nothing typed is lost.
      await autosave.flush();
      const application = { application: app };
      const result =
        outcome === 'accept'
          ? await call('intake:accept', application)
          : outcome === 'notify'
            ? await call('intake:notifyIncomplete', application)
            : await call('intake:reject', { ...application, reason: reason ?? '' });
      if (result.ok) {
        // The transaction has committed: only now is the document number shown.
        autosave.forget();
        set({
          result: {
            decision: result.value,
            matterCode: app.matterCode,
            situationCode: app.situationCode,
            applicantName: app.applicant.name,
            mode: app.mode,
          },
          wizard: freshWizard(),
          remote: null,
        });
        void useDraftsStore.getState().load();
      }
      return result;
    },

    flush: () => autosave.flush(),

    closeResult() {
      set({ result: null });
    },

    clear() {
      autosave.forget();
      set({ wizard: freshWizard(), result: null, remote: null });
    },
  };
});

useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) useIntakeStore.getState().clear();
  else if (previous.session?.locked && state.session && !state.session.locked) {
    // Saves refused while the screen was locked go out once it is unlocked.
    void useIntakeStore.getState().flush();
  }
});
