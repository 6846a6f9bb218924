import type { ReactNode } from 'react';

/** One labelled input with its problem under it. */
export function Field(props: { label: string; error?: string | undefined; children: ReactNode }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.children}
      {props.error && (
        <span className="field__error" role="alert">
          {props.error}
        </span>
      )}
    </label>
  );
}

/** A form-level message (a refused sign-in), shown once above the buttons. */
export function FormError(props: { text: string | undefined }) {
  return props.text ? (
    <div className="field__error" role="alert" data-testid="session-error">
      {props.text}
    </div>
  ) : null;
}
