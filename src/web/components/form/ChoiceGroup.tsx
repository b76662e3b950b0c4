import type { ReactNode } from 'react';
import Form from 'antd/es/form';
import Radio from 'antd/es/radio';
import type { RadioChangeEvent } from 'antd/es/radio';

export interface ChoiceGroupProps<T extends string> {
  /** The id of the label (the radio group is labelled by it; its help is `<id>-help`). */
  id: string;
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  help?: ReactNode;
  /** Inside a form: the field that holds the choice. */
  name?: string;
  /** Outside a form: the choice and its change. */
  value?: T | null;
  onChange?: (value: T) => void;
  className?: string;
}

/** A labelled choice of a few radio buttons (用户类型, 账号类型, 校验方式) with its help below. */
export function ChoiceGroup<T extends string>({ id, label, options, help, name, value, onChange, className }: ChoiceGroupProps<T>) {
  const radios = (
    <Radio.Group
      className="choice-group__options"
      options={options.map((o) => ({ value: o.value, label: o.label }))}
      {...(name ? {} : { value, onChange: (e: RadioChangeEvent) => onChange?.(e.target.value as T) })}
    />
  );
  return (
    <div className={className ? `choice-group ${className}` : 'choice-group'}>
      <span className="choice-group__label" id={id}>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={id} aria-describedby={help ? `${id}-help` : undefined}>
        {name ? (
          <Form.Item name={name} noStyle>
            {radios}
          </Form.Item>
        ) : (
          radios
        )}
      </div>
      {help ? (
        <p className="choice-group__help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
