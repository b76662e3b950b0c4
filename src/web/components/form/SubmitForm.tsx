import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Form from 'antd/es/form';
import type { FormInstance, FormProps } from 'antd/es/form';
import { LoadingOutlined } from '@ant-design/icons';
import { revalidateOnChange, showApiError } from './rules';
import './form.css';

/**
 * Form pieces every app shares: the label above the field (phones, 200% zoom), validation on
 * blur, and the server's message above the form when no field took it.
 */
const formProps = {
  layout: 'vertical',
  size: 'large',
  validateTrigger: 'onBlur',
  requiredMark: true,
  scrollToFirstError: { block: 'center', focus: true },
} as const;

/** The error of a whole form (the server's `message` when no field took it), above the form. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert className="form-alert" type="error" showIcon message={message} role="alert" />;
}

/** A notice that screen readers announce when it appears (e.g. "验证码已发送…" under a code field). */
export function LiveNotice({ message, type = 'info' }: { message: string | null; type?: 'info' | 'warning' | 'success' }) {
  return <div aria-live="polite">{message ? <Alert className="form-alert" type={type} showIcon message={message} /> : null}</div>;
}

export interface RunOptions {
  /** Before the error is shown: renew a used captcha, empty a wrong password … */
  onError?: (error: unknown) => void | Promise<void>;
  /** A page loads after success (a navigation): the button stays busy until it has. */
  leaves?: boolean;
}

/** The submit state of one form: its antd instance, the error above it and the busy flag. */
export interface SubmitState<Values = any> {
  form: FormInstance<Values>;
  alert: string | null;
  setAlert: (message: string | null) => void;
  busy: boolean;
  /**
   * Runs a request of the form once at a time: clears the alert, marks the form busy, and on
   * failure puts the server's `fieldErrors` on their fields and its message above the form.
   * Resolves true when the request succeeded.
   */
  run: (request: () => Promise<unknown>, options?: RunOptions) => Promise<boolean>;
}

export function useSubmitState<Values = any>(initialAlert: string | null = null): SubmitState<Values> {
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(initialAlert);
  const [busy, setBusy] = useState(false);
  // The flag React renders lags a click; this one stops a second submit at once.
  const running = useRef(false);

  const run = useCallback(
    async (request: () => Promise<unknown>, options: RunOptions = {}) => {
      if (running.current) return false;
      running.current = true;
      setAlert(null);
      setBusy(true);
      try {
        await request();
      } catch (error) {
        await options.onError?.(error);
        setAlert(showApiError(form, error));
        running.current = false;
        setBusy(false);
        return false;
      }
      if (!options.leaves) {
        running.current = false;
        setBusy(false);
      }
      return true;
    },
    [form],
  );

  return { form, alert, setAlert, busy, run };
}

const SubmitContext = createContext<SubmitState | null>(null);

/** The submit state of the enclosing SubmitForm (for its buttons and code fields). */
export function useSubmitContext(): SubmitState | null {
  return useContext(SubmitContext);
}

export interface SubmitFormProps<Values> extends Omit<FormProps<Values>, 'form' | 'onFinish' | 'children'> {
  state: SubmitState<Values>;
  /** Sends the values; throws the ApiError when the server refused them. */
  onSubmit: (values: Values) => Promise<unknown> | void;
  onError?: RunOptions['onError'];
  leaves?: boolean;
  /** Shown (green) above the form after success; the form is emptied then. */
  successMessage?: string;
  /** After success (and the success message). */
  onSuccess?: () => unknown;
  /** Above the error alert (e.g. why the person is back at this step). */
  notice?: ReactNode;
  children: ReactNode;
}

/**
 * A form of the kit: the shared layout and on-blur validation (errors go away as the person
 * types), the error alert above the fields, one request at a time, and on failure the
 * server's field errors next to their fields.
 */
export function SubmitForm<Values>({ state, onSubmit, onError, leaves, successMessage, onSuccess, notice, children, ...props }: SubmitFormProps<Values>) {
  const [succeeded, setSucceeded] = useState(false);

  async function finish(values: Values) {
    setSucceeded(false);
    const ok = await state.run(async () => onSubmit(values), { onError, leaves });
    if (!ok) return;
    if (successMessage) {
      state.form.resetFields();
      setSucceeded(true);
    }
    await onSuccess?.();
  }

  return (
    <SubmitContext.Provider value={state}>
      <Form form={state.form} {...formProps} onFinish={(values) => void finish(values)} onValuesChange={revalidateOnChange(state.form)} {...props}>
        {notice}
        {succeeded && successMessage ? <Alert className="form-alert" type="success" showIcon message={successMessage} /> : null}
        <FormAlert message={state.alert} />
        {children}
      </Form>
    </SubmitContext.Provider>
  );
}

/**
 * The submit button of a SubmitForm, busy while its request runs. Not antd's `loading`: its
 * spinner leaves with a CSS transition that never ends when the answer comes back within a
 * frame or two, and the button then keeps "loading" in its accessible name for good. Here the
 * spinner is a plain icon while busy, gone as soon as it is not.
 */
export function SubmitButton({ children, block = true, danger }: { children: ReactNode; block?: boolean; danger?: boolean }) {
  const busy = useSubmitContext()?.busy ?? false;
  return (
    <Form.Item className="form-actions">
      <Button
        type="primary"
        htmlType="submit"
        block={block}
        danger={danger}
        size="large"
        aria-busy={busy || undefined}
        aria-disabled={busy || undefined}
        className={busy ? 'submit-button is-busy' : 'submit-button'}
        icon={busy ? <LoadingOutlined /> : undefined}
      >
        {children}
      </Button>
    </Form.Item>
  );
}
