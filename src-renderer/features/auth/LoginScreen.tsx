import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '@common/result';
import { Button, ErrorAlert, TextField } from '../../first/controls';
import { FirstFrame } from '../../first/FirstFrame';
import { errorMessage, fieldErrors, fieldMessage } from '../../i18n/errors';
import { useAppInfoStore } from '../setup/store';
import { useAuthStore } from './store';
import { TrainingSwitch } from '../training/TrainingSwitch';

type FieldName = 'username' | 'password';
type Problems = Partial<Record<FieldName, string>>;

/** The required check antd's rule made: an empty field gets the shared message. */
function missing(values: Record<FieldName, string>): Problems {
  const problems: Problems = {};
  for (const name of ['username', 'password'] as const)
    if (values[name] === '') problems[name] = fieldMessage('required');
  return problems;
}

/** Staff sign-in: plain React, so it is usable before antd loads (docs/decisions/0240). */
export function LoginScreen() {
  const { t } = useTranslation();
  const hall = useAppInfoStore((s) => s.info?.hall);
  const notice = useAuthStore((s) => s.notice);
  const login = useAuthStore((s) => s.login);
  const [values, setValues] = useState<Record<FieldName, string>>({ username: '', password: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<AppErrorData | null>(notice);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const showProblems = (found: Problems) => {
    setProblems(found);
    const first = (['username', 'password'] as const).find((name) => found[name]);
    if (first) (first === 'username' ? usernameRef : passwordRef).current?.focus();
  };

  const change = (name: FieldName) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    // Like antd's rule: once a field was checked, it is checked again as it changes.
    if (problems[name] !== undefined)
      setProblems((p) => ({ ...p, [name]: missing({ ...values, [name]: value })[name] }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    const found = missing(values);
    if (found.username || found.password) return showProblems(found);
    setProblems({});
    setSubmitting(true);
    setError(null);
    const result = await login(values.username, values.password);
    setSubmitting(false);
    if (result.ok) return;
    setValues((v) => ({ ...v, password: '' }));
    const byPath = result.error.code === 'invalid-input' ? fieldErrors(result.error) : new Map<string, string[]>();
    const onScreen: Problems = { username: byPath.get('username')?.[0], password: byPath.get('password')?.[0] };
    if (onScreen.username || onScreen.password) showProblems(onScreen);
    else setError(result.error);
  };

  return (
    <FirstFrame subtitle={hall ? `${hall.name} · ${t('shell.window', { no: hall.windowNo })}` : undefined}>
      <h1 className="fs-title">{t('login.title')}</h1>
      <form name="login" noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="login_username"
          label={t('login.username')}
          value={values.username}
          onChange={change('username')}
          autoComplete="username"
          error={problems.username}
          inputRef={usernameRef}
          autoFocus
        />
        <TextField
          id="login_password"
          password
          label={t('login.password')}
          value={values.password}
          onChange={change('password')}
          autoComplete="current-password"
          error={problems.password}
          inputRef={passwordRef}
        />
        {error && <ErrorAlert>{errorMessage(error)}</ErrorAlert>}
        <Button variant="large" type="submit" loading={submitting}>
          {t('login.submit')}
        </Button>
      </form>
      <TrainingSwitch />
    </FirstFrame>
  );
}
