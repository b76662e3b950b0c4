import { useMemo } from 'react';
import { Cascader } from 'antd';
import { industryPath, industryTree } from '../../../shared/industry';
import { regionPathOf, regionTree, type RegionNode } from '../../../shared/regions';

interface CodeControlProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  onBlur?: () => void;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: unknown;
  'aria-invalid'?: unknown;
}

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

const toOptions = (nodes: readonly RegionNode[]): Option[] => nodes.map((n) => ({ value: n.code, label: n.name, children: n.children ? toOptions(n.children) : undefined }));

let regionOptions: Option[] | undefined;
let industryOptions: Option[] | undefined;

const filter = (input: string, path: Option[]) => path.some((o) => o.label.includes(input.trim()));

/**
 * 注册地址 (省/市/区县): the value is the 6-digit 区县 code. aria-required / aria-invalid that
 * Form.Item hands over are dropped (antd puts them on the outer <div>, axe: aria-allowed-attr).
 */
export function RegionCascader({ value, onChange, 'aria-required': _r, 'aria-invalid': _i, ...props }: CodeControlProps) {
  const options = useMemo(() => (regionOptions ??= toOptions(regionTree)), []);
  const path = value ? regionPathOf(value) : undefined;
  return (
    <Cascader
      {...props}
      options={options}
      value={path}
      placeholder="请选择省/市/区县"
      showSearch={{ filter }}
      onChange={(next) => onChange?.(next && next.length === 3 ? String(next[2]) : undefined)}
    />
  );
}

/** 所属行业 (GB/T 4754-2017 门类 → 大类 → 中类): the value is the 3-digit 中类 code. */
export function IndustryCascader({ value, onChange, 'aria-required': _r, 'aria-invalid': _i, ...props }: CodeControlProps) {
  const options = useMemo(() => (industryOptions ??= industryTree()), []);
  const path = value ? industryPath(value).map((e) => e.code) : undefined;
  return (
    <Cascader
      {...props}
      options={options}
      value={path}
      placeholder="请选择门类/大类/中类"
      showSearch={{ filter }}
      onChange={(next) => onChange?.(next && next.length === 3 ? String(next[2]) : undefined)}
    />
  );
}
