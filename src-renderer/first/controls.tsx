import { useState, type ReactNode, type Ref } from 'react';
import { Icon } from './icons';

// The controls of the first screen, plain React with first.css: they look like antd's (large size, the app's
// theme) without loading antd and its CSS-in-JS runtime before the sign-in form is usable (docs/decisions/0240).

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: string;
  /** The field's message (required, or the server's problem), announced as it appears. */
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/** A labelled text or password field; a password field has antd's show/hide eye. */
export function TextField({ password = false, ...props }: FieldProps & { password?: boolean }) {
  const { id, label, value, onChange, autoComplete, error, inputRef, autoFocus } = props;
  const [shown, setShown] = useState(false);
  const errorId = `${id}-error`;
  const input = (
    <input
      id={id}
      ref={inputRef}
      className={password ? 'fs-input fs-input--bare' : 'fs-input'}
      type={password && !shown ? 'password' : 'text'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete={autoComplete}
      autoFocus={autoFocus}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    />
  );
  return (
    <div className={error ? 'fs-field fs-field--error' : 'fs-field'}>
      <label className="fs-field__label" htmlFor={id}>
        {label}
      </label>
      {password ? (
        <span className="fs-input fs-affix">
          {input}
          {/* Like antd's: a mouse convenience, not a stop on the keyboard path from the password to 登录. */}
          <span
            className="fs-affix__eye"
            aria-hidden
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setShown(!shown)}
          >
            <Icon name={shown ? 'eye' : 'eyeInvisible'} />
          </span>
        </span>
      ) : (
        input
      )}
      {error && (
        <div id={errorId} className="fs-field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** antd's error Alert with its icon; the message alone is the alert's text. */
export function ErrorAlert({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className={className ? `fs-alert ${className}` : 'fs-alert'} role="alert">
      <Icon name="error" className="fs-alert__icon" />
      <span className="fs-alert__text">{children}</span>
    </div>
  );
}

/** The spinning arc antd shows in a loading button. */
function Spinner() {
  return (
    <svg className="fs-icon fs-spin" viewBox="0 0 1024 1024" width="1em" height="1em" fill="currentColor" aria-hidden>
      <path d="M988 548c-19.9 0-36-16.1-36-36 0-59.4-11.6-117-34.6-171.3a440.45 440.45 0 00-94.3-139.9 437.71 437.71 0 00-139.9-94.3C629 83.6 571.4 72 512 72c-19.9 0-36-16.1-36-36s16.1-36 36-36c69.1 0 136.2 13.5 199.3 40.3C772.3 66 827 103 874 150c47 47 83.9 101.8 109.7 162.7 26.7 63.1 40.2 130.2 40.2 199.3.1 19.9-16 36-35.9 36z" />
    </svg>
  );
}

interface ButtonProps {
  children: ReactNode;
  variant: 'primary' | 'large' | 'link' | 'danger-link';
  type?: 'button' | 'submit';
  loading?: boolean;
  onClick?: () => void;
}

/** A button; while loading it shows the spinner and takes no clicks (antd's loading state). */
export function Button({ children, variant, type = 'button', loading = false, onClick }: ButtonProps) {
  return (
    <button
      type={type}
      className={`fs-btn fs-btn--${variant}${loading ? ' fs-btn--loading' : ''}`}
      aria-busy={loading || undefined}
      onClick={loading ? (e) => e.preventDefault() : onClick}
    >
      {loading && <Spinner />}
      <span>{children}</span>
    </button>
  );
}
