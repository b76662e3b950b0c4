import type { ChangeEvent } from 'react';

/** What a Form.Item hands the control inside it (its id ties the label to the input). */
export interface FormControlProps {
  id?: string;
  value?: string;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}
