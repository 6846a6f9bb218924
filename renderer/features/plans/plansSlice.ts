import type { PlanEdit } from '../../../shared/plans/edit';
import type { SliceCreator } from '../../app/store';
import { tracked } from '../../app/tracked';

export interface PlansSlice {
  /** Why the core refused the last plan edit: its message plus the fields it names. */
  readonly plansError: string | undefined;
  /** One plan edit, validated and saved by the core; resolves to what was saved, undefined when refused. */
  editSitePlan(edit: PlanEdit): Promise<string | undefined>;
  clearPlansError(): void;
}

/** The core's refusal: its message plus the fields it names (unless the message already lists them). */
export function describeRefusal(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const issues = (err as Error & { issues?: readonly { path: string; message: string }[] }).issues ?? [];
  const fields = issues.map((i) => `${i.path}: ${i.message}`);
  return fields.length > 0 && !fields.every((f) => err.message.includes(f)) ? `${err.message} (${fields.join('; ')})` : err.message;
}

export const createPlansSlice: SliceCreator<PlansSlice> = (api) => (set) => {
  const run = tracked((plansError) => set({ plansError }), describeRefusal);
  return {
    plansError: undefined,
    editSitePlan: async (edit) => (await run(() => api.editSitePlan(edit)))?.what,
    clearPlansError: () => set({ plansError: undefined }),
  };
};
