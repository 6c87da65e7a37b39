import { createContext, useContext, useMemo } from 'react';
import type { Application } from '@tongban/protocol/cases/application';
import type { FormalCheckResult } from '@common/cases/formal-check';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';
import { findMatter, findSituation, useCatalogueStore } from './catalogue-store';
import { checkApplication, codesByPath, mergeChecks, stepOfPath } from './check';
import { toApplication } from './model';
import { useIntakeStore } from './wizard-store';

/** The live 形式审查 of the wizard's application. */
export interface WizardCheck {
  matter: Matter;
  situation: Situation;
  app: Application;
  result: FormalCheckResult;
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

/** Runs the common formal check on what is typed (plus the main process's last own findings). */
export function useWizardCheck(): WizardCheck | null {
  const caseId = useIntakeStore((s) => s.wizard.caseId);
  const data = useIntakeStore((s) => s.wizard.data);
  const attachments = useIntakeStore((s) => s.wizard.attachments);
  const remote = useIntakeStore((s) => s.remote);
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const lookup = useCatalogueStore((s) => s.lookup);

  return useMemo(() => {
    const matter = findMatter(catalogue, data.matterCode);
    const situation = findSituation(matter, data.situationCode);
    if (!caseId || !matter || !situation) return null;
    const app = toApplication(caseId, data, situation);
    const attachmentsByMaterial: Record<string, number> = {};
    for (const a of attachments)
      attachmentsByMaterial[a.materialCode] = (attachmentsByMaterial[a.materialCode] ?? 0) + 1;
    const local = checkApplication(app, {
      matter,
      situation,
      attachmentsByMaterial,
      ...(lookup
        ? {
            countyExists: (code: string) => lookup.isKnownCounty(code),
            divisionExists: (code: string) => lookup.describe(code) !== null,
          }
        : {}),
    });
    const result = remote && remote.key === JSON.stringify(app) ? mergeChecks(local, remote.result) : local;
    return {
      matter,
      situation,
      app,
      result,
      errors: codesByPath(result.fieldErrors),
      warnings: codesByPath(result.warnings),
    };
  }, [caseId, data, attachments, remote, catalogue, lookup]);
}

/** The check, shared by every field of the wizard. */
export const CheckContext = createContext<WizardCheck | null>(null);

/** The codes to show beside a field: none until it was visited or its step's 下一步 was pressed. */
export function useFieldIssues(path: string): { errors: string[]; warnings: string[] } {
  const check = useContext(CheckContext);
  const touched = useIntakeStore((s) => s.wizard.touched[path] === true);
  const attempted = useIntakeStore((s) => s.wizard.attempted[stepOfPath(path)] === true);
  if (!check || !(touched || attempted)) return { errors: [], warnings: [] };
  return { errors: check.errors.get(path) ?? [], warnings: check.warnings.get(path) ?? [] };
}
