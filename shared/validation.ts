import type { z } from 'zod';
import { ConsoleError, formatPath, type FieldIssue } from './errors';

/** Zod issues as field-level issues with readable paths. */
export function toFieldIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

/**
 * Parses untrusted input or throws `invalid-argument` naming every bad field.
 * `what` names the thing being parsed in the message ("setLocale arguments").
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return failInvalid(`${what} invalid: ${summary}`, issues);
}

function failInvalid(message: string, issues: FieldIssue[]): never {
  throw new ConsoleError('invalid-argument', message, issues);
}
