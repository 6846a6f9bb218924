/** One line per item; blank lines are ignored. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export interface CorrectiveAction {
  readonly action: string;
  readonly owner: string;
  readonly due: string;
}

/**
 * Parses the evaluator's corrective actions, one per line as
 * "action | owner | YYYY-MM-DD". Returns the 1-based numbers of lines that do
 * not fit, so the form can say which to fix instead of dropping them.
 */
export function parseCorrectiveActions(text: string): { actions: CorrectiveAction[]; badLines: number[] } {
  const actions: CorrectiveAction[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim().length === 0) return;
    const parts = raw.split(/[|｜]/).map((p) => p.trim());
    const [action, owner, due] = parts;
    if (parts.length !== 3 || !action || !owner || !due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) badLines.push(i + 1);
    else actions.push({ action, owner, due });
  });
  return { actions, badLines };
}
