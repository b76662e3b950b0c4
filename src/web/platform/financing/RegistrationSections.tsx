import type { ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Radio } from 'antd';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import type { ParseableSchema } from '../../components/form/rules';
import { INDICATOR_GROUP_LABELS, INDICATOR_GROUPS, INDICATOR_INPUTS, LEVEL_LABELS, type IndicatorInput } from '../../../shared/scoring/indicators';
import { classifyEnterpriseSize } from '../../../shared/enterprise-size';
import { toHundredths, validateCount, validateMoneyWan } from '../../../shared/validators/amounts';
import { IndustryCascader, RegionCascader } from './Cascaders';
import { pathRule, warningRule, type FieldPath } from './pathRules';
import { BASIC_LABELS, FINANCING_METHOD_LABELS, FINANCING_METHODS, FINANCING_NEED_LABELS, FINANCING_NEEDS, HIGHLIGHTS_MAX_CHARS, HONOURS_MAX, OPTIONAL_LABELS, REGISTRATION_MESSAGES, SECTION_TITLES } from '../../../shared/schemas/registration';
import { computeRatio, type RatioValues } from './ratios';
import { AttachmentsField } from './AttachmentsField';
import type { AttachmentInfo } from '../../../shared/schemas/registration';

/** Name and help text of an indicator (catalogue data: the server's current version). */
export interface CatalogueEntry {
  code: string;
  name: string;
  help: string;
}

export interface SectionProps {
  /** The shared schema the fields are checked with (the submit schema). */
  schema: ParseableSchema;
  /** The form values as the schema reads them. */
  prepare: (values: Record<string, unknown>) => Record<string, unknown>;
  readOnly: boolean;
}

type Values = Record<string, Record<string, unknown> | undefined>;

/**
 * A labelled radio group for a Form.Item (antd's Radio.Group has no radiogroup role): the group
 * is named by the label element `labelledBy`.
 */
function RadioChoice({ labelledBy, options, disabled, id, value, onChange, 'aria-describedby': describedBy }: { labelledBy: string; options: { value: string; label: string }[]; disabled?: boolean; id?: string; value?: string; onChange?: (e: unknown) => void; 'aria-describedby'?: string }) {
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy} id={id}>
      <Radio.Group value={value} onChange={onChange} disabled={disabled} options={options} />
    </div>
  );
}

/** A labelled group of checkboxes for a Form.Item. */
function CheckboxChoice({ labelledBy, options, disabled, id, value, onChange }: { labelledBy: string; options: { value: string; label: string }[]; disabled?: boolean; id?: string; value?: string[]; onChange?: (v: unknown) => void }) {
  return (
    <div role="group" aria-labelledby={labelledBy} id={id}>
      <Checkbox.Group value={value} onChange={onChange} disabled={disabled} options={options} />
    </div>
  );
}

// ---- ①企业基本情况 ----------------------------------------------------------------------

/** The fields of ① in the order of form.md, with their units. */
const BASIC_FIELDS = [
  { key: 'industryCode', label: BASIC_LABELS.industryCode, control: 'industry' },
  { key: 'districtCode', label: BASIC_LABELS.districtCode, control: 'region', help: '省/市/区县' },
  { key: 'establishedOn', label: BASIC_LABELS.establishedOn, control: 'date' },
  { key: 'employees', label: BASIC_LABELS.employees, control: 'count', unit: '人' },
  { key: 'employeesPrev', label: BASIC_LABELS.employeesPrev, control: 'count', unit: '人' },
  { key: 'revenue', label: BASIC_LABELS.revenue, control: 'money', unit: '万元' },
  { key: 'revenuePrev', label: BASIC_LABELS.revenuePrev, control: 'money', unit: '万元' },
  { key: 'assets', label: BASIC_LABELS.assets, control: 'money', unit: '万元' },
  { key: 'netProfit', label: BASIC_LABELS.netProfit, control: 'signedMoney', unit: '万元', help: '亏损请填写负数' },
  { key: 'taxPaid', label: BASIC_LABELS.taxPaid, control: 'money', unit: '万元' },
  { key: 'contactName', label: BASIC_LABELS.contactName, control: 'text', max: 20 },
  { key: 'contactMobile', label: BASIC_LABELS.contactMobile, control: 'mobile' },
] as const;

/** A date typed or picked as 'YYYY-MM-DD'. */
function DateInput({ value, onChange, 'aria-required': _r, 'aria-invalid': _i, ...props }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; disabled?: boolean; 'aria-required'?: unknown; 'aria-invalid'?: unknown }) {
  return (
    <DatePicker
      {...props}
      className="registration-date"
      format="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      value={value && dayjs(value, 'YYYY-MM-DD', true).isValid() ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
    />
  );
}

function numberInput(kind: 'money' | 'signedMoney' | 'count', unit: string | undefined, readOnly: boolean) {
  return <Input inputMode={kind === 'count' ? 'numeric' : 'decimal'} suffix={unit} maxLength={20} autoComplete="off" readOnly={readOnly} />;
}

/** One field of the form: label tied to the control, help under it, the schema's messages. */
function FormField({ path, label, help, required, schema, prepare, extraRules = [], dependencies, children }: { path: FieldPath; label: string; help?: ReactNode; required: boolean; schema: ParseableSchema; prepare: SectionProps['prepare']; extraRules?: FormRule[]; dependencies?: FieldPath[]; children: ReactNode }) {
  const emptyMessage = required ? `请${/行业|地址|日期/.test(label) ? '选择' : '输入'}${label}` : undefined;
  return (
    <Form.Item
      name={[...path]}
      label={label}
      required={required}
      extra={help}
      rules={[pathRule(schema, path, emptyMessage, prepare), ...extraRules]}
      dependencies={dependencies?.map((d) => [...d])}
      className="registration-field"
    >
      {children}
    </Form.Item>
  );
}

export function BasicSection({ schema, prepare, readOnly }: SectionProps) {
  return (
    <section className="registration-section" aria-labelledby="registration-basic">
      <h2 className="registration-section__title" id="registration-basic">
        {SECTION_TITLES.basic}
      </h2>
      <p className="registration-section__note">必填。已根据企业信息预先填写，可在此修改；提交后同步更新企业信息。</p>
      <div className="registration-grid">
        {BASIC_FIELDS.map((f) => {
          const path: FieldPath = ['basic', f.key];
          let control: ReactNode;
          if (f.control === 'industry') control = <IndustryCascader disabled={readOnly} />;
          else if (f.control === 'region') control = <RegionCascader disabled={readOnly} />;
          else if (f.control === 'date') control = <DateInput disabled={readOnly} />;
          else if (f.control === 'text') control = <Input maxLength={f.max} autoComplete="name" readOnly={readOnly} />;
          else if (f.control === 'mobile') control = <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} readOnly={readOnly} />;
          else control = numberInput(f.control, f.unit, readOnly);
          return (
            <FormField key={f.key} path={path} label={f.label} help={'help' in f ? f.help : undefined} required schema={schema} prepare={prepare}>
              {control}
            </FormField>
          );
        })}
      </div>
      <BasicComputed />
    </section>
  );
}

function moneyOrNull(v: unknown, allowNegative = false): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const r = validateMoneyWan(String(v), { allowNegative });
  return r.ok ? r.value : null;
}

function countOrNull(v: unknown): number | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  if (typeof v === 'string' && v.trim() === '') return null;
  const r = validateCount(v);
  return r.ok ? r.value : null;
}

/** 企业规模 and the two rates of ①, computed as the person types. */
function BasicComputed() {
  const form = Form.useFormInstance();
  const basic = (Form.useWatch('basic', { form, preserve: true }) ?? {}) as Record<string, unknown>;
  const values = ratioValues({ basic });
  const industry = typeof basic.industryCode === 'string' ? basic.industryCode : '';
  const employees = countOrNull(basic.employees);
  const revenue = moneyOrNull(basic.revenue);
  const assets = moneyOrNull(basic.assets);
  const size = industry && employees !== null && revenue !== null && assets !== null ? classifyEnterpriseSize({ industryCode: industry, employees, revenueWan: revenue, assetsWan: assets }).label : null;
  return (
    <dl className="registration-computed" aria-label="自动计算">
      <Computed label="企业规模" text={size ?? '填写所属行业、从业人员、营业收入和资产总额后自动计算'} muted={size === null} />
      <RatioLine code="G02" label="营业收入增长率" values={values} />
      <RatioLine code="G03" label="净利润率" values={values} />
    </dl>
  );
}

function Computed({ label, text, muted }: { label: string; text: string; muted?: boolean }) {
  return (
    <div className="registration-computed__item">
      <dt>{label}</dt>
      <dd className={muted ? 'is-muted' : undefined} aria-live="polite">
        {text}
      </dd>
    </div>
  );
}

function ratioValues(values: Values): RatioValues {
  const b = values.basic ?? {};
  const i = values.indicators ?? {};
  return {
    'indicators.rdExpense': i.rdExpense,
    'indicators.rdStaff': i.rdStaff,
    'basic.revenue': b.revenue,
    'basic.revenuePrev': b.revenuePrev,
    'basic.netProfit': b.netProfit,
    'basic.employees': b.employees,
    'basic.employeesPrev': b.employeesPrev,
  };
}

function RatioLine({ code, label, values }: { code: IndicatorInput['code']; label: string; values: RatioValues }) {
  const r = computeRatio(code, values);
  const text = r.state === 'value' ? r.text : r.state === 'not_applicable' ? `不适用（${r.reason}）` : '填写相关数据后自动计算';
  return <Computed label={label} text={text} muted={r.state !== 'value'} />;
}

// ---- ②企业创新积分核心指标 ----------------------------------------------------------------

/** ② from the indicator inputs and the catalogue: typed fields, values from ①, computed ratios. */
export function IndicatorSection({ schema, prepare, readOnly, catalogue }: SectionProps & { catalogue: readonly CatalogueEntry[] }) {
  const form = Form.useFormInstance();
  const basic = (Form.useWatch('basic', { form, preserve: true }) ?? {}) as Record<string, unknown>;
  const indicators = (Form.useWatch('indicators', { form, preserve: true }) ?? {}) as Record<string, unknown>;
  const values = ratioValues({ basic, indicators });
  const entry = (code: string) => catalogue.find((c) => c.code === code);
  return (
    <section className="registration-section" aria-labelledby="registration-indicators">
      <h2 className="registration-section__title" id="registration-indicators">
        {SECTION_TITLES.indicators}
      </h2>
      <p className="registration-section__note">必填，共18项指标。没有的请填写0；比例类指标根据填写的数据自动计算。</p>
      {INDICATOR_GROUPS.map((group) => (
        <fieldset key={group} className="registration-group">
          <legend className="registration-group__title">{INDICATOR_GROUP_LABELS[group]}</legend>
          <div className="registration-grid">
            {INDICATOR_INPUTS.filter((i) => i.group === group).map((input) => {
              const c = entry(input.code);
              const name = c?.name ?? input.code;
              return <IndicatorField key={input.code} input={input} name={name} help={c?.help} values={values} basic={basic} schema={schema} prepare={prepare} readOnly={readOnly} />;
            })}
          </div>
        </fieldset>
      ))}
    </section>
  );
}

/** 研发费用 > 营业收入 (when 营业收入 > 0) is a warning, not an error (form.md). */
function rdAboveRevenue(all: Record<string, unknown>): string | null {
  const v = all as Values;
  const rd = moneyOrNull(v.indicators?.rdExpense);
  const revenue = moneyOrNull(v.basic?.revenue);
  if (rd === null || revenue === null) return null;
  const r = toHundredths(revenue);
  return r > 0 && toHundredths(rd) > r ? REGISTRATION_MESSAGES.rdOverRevenue : null;
}

function IndicatorField({ input, name, help, values, basic, schema, prepare, readOnly }: { input: IndicatorInput; name: string; help?: string; values: RatioValues; basic: Record<string, unknown> } & SectionProps) {
  const id = `indicator-${input.code}`;
  const source = input.source;
  if (source.from === 'computed') {
    const r = computeRatio(input.code, values);
    const text = r.state === 'value' ? r.text : r.state === 'not_applicable' ? `不适用（${r.reason}）` : '自动计算';
    return <ReadOnlyValue id={id} label={name} help={help} text={text} />;
  }
  if (source.from === 'basic') {
    const raw = basic[source.field];
    const text = typeof raw === 'string' && raw.trim() !== '' ? `${raw} ${input.unit ?? ''}`.trim() : '取自①企业基本情况';
    return <ReadOnlyValue id={id} label={name} help={help} text={text} mirror />;
  }
  const path: FieldPath = ['indicators', source.field];
  if (input.kind === 'level') {
    const labelId = `${id}-label`;
    return (
      <Form.Item
        name={[...path]}
        label={<span id={labelId}>{name}</span>}
        required
        extra={help}
        rules={[pathRule(schema, path, `请选择${name}`, prepare)]}
        className="registration-field registration-field--level"
      >
        <RadioChoice labelledBy={labelId} disabled={readOnly} options={(input.levels ?? []).map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
      </Form.Item>
    );
  }
  const extraRules = source.field === 'rdExpense' ? [warningRule(rdAboveRevenue)] : [];
  const dependencies: FieldPath[] = source.field === 'rdStaff' ? [['basic', 'employees']] : source.field === 'hiTechRevenue' || source.field === 'rdExpense' ? [['basic', 'revenue']] : [];
  return (
    <FormField path={path} label={name} help={help} required schema={schema} prepare={prepare} extraRules={extraRules} dependencies={dependencies}>
      {numberInput(input.kind === 'count' ? 'count' : 'money', input.unit ?? undefined, readOnly)}
    </FormField>
  );
}

/** A computed or carried-over value: a read-only output with its label and help. */
function ReadOnlyValue({ id, label, help, text, mirror }: { id: string; label: string; help?: string; text: string; mirror?: boolean }) {
  if (mirror) {
    // The same figure as the ① field of this name: shown, not a second control with that label.
    return (
      <div className="ant-form-item registration-field registration-readonly">
        <div className="registration-readonly__label">{label}</div>
        <div className="registration-readonly__value">{text}</div>
        {help ? <div className="registration-readonly__help">{help}</div> : null}
      </div>
    );
  }
  return (
    <div className="ant-form-item registration-field registration-readonly">
      <div className="registration-readonly__label" id={`${id}-label`}>
        {label}
      </div>
      <output className="registration-readonly__value" id={id} aria-labelledby={`${id}-label`} aria-describedby={help ? `${id}-help` : undefined}>
        {text}
      </output>
      {help ? (
        <div className="registration-readonly__help" id={`${id}-help`}>
          {help}
        </div>
      ) : null}
    </div>
  );
}

// ---- ③选择填写指标 ----------------------------------------------------------------------

export function OptionalSection({ schema, prepare, readOnly, attachments }: SectionProps & { attachments: readonly AttachmentInfo[] }) {
  const form = Form.useFormInstance();
  const need = Form.useWatch(['optional', 'financing', 'need'], form);
  const field = (path: FieldPath, label: string, control: ReactNode, help?: string) => (
    <FormField path={path} label={label} help={help} required={false} schema={schema} prepare={prepare}>
      {control}
    </FormField>
  );
  return (
    <section className="registration-section" aria-labelledby="registration-optional">
      <h2 className="registration-section__title" id="registration-optional">
        {SECTION_TITLES.optional}
      </h2>
      <p className="registration-section__note">选填，不计入创新积分；本部分为空不影响提交。</p>
      <Form.Item name={['optional', 'financing', 'need']} label={<span id="registration-financing-need">{OPTIONAL_LABELS.need}</span>} className="registration-field">
        <RadioChoice labelledBy="registration-financing-need" disabled={readOnly} options={FINANCING_NEEDS.map((v) => ({ value: v, label: FINANCING_NEED_LABELS[v] }))} />
      </Form.Item>
      {need === 'yes' ? (
        <div className="registration-grid">
          {field(['optional', 'financing', 'amount'], OPTIONAL_LABELS.amount, numberInput('money', '万元', readOnly))}
          {field(['optional', 'financing', 'termMonths'], OPTIONAL_LABELS.termMonths, numberInput('count', '月', readOnly))}
          {field(['optional', 'financing', 'purpose'], OPTIONAL_LABELS.purpose, <Input maxLength={200} readOnly={readOnly} />)}
          {field(['optional', 'financing', 'institutions'], OPTIONAL_LABELS.institutions, <Input maxLength={200} readOnly={readOnly} />)}
          <Form.Item name={['optional', 'financing', 'methods']} label={<span id="registration-financing-methods">{OPTIONAL_LABELS.methods}</span>} className="registration-field registration-field--wide">
            <CheckboxChoice labelledBy="registration-financing-methods" disabled={readOnly} options={FINANCING_METHODS.map((m) => ({ value: m, label: FINANCING_METHOD_LABELS[m] }))} />
          </Form.Item>
        </div>
      ) : null}
      <div className="registration-grid">{field(['optional', 'hiTechCertNo'], OPTIONAL_LABELS.hiTechCertNo, <Input maxLength={50} autoComplete="off" readOnly={readOnly} />)}</div>
      <HonoursList readOnly={readOnly} />
      {field(['optional', 'highlights'], OPTIONAL_LABELS.highlights, <Input.TextArea rows={4} maxLength={HIGHLIGHTS_MAX_CHARS} showCount readOnly={readOnly} />, `不超过${HIGHLIGHTS_MAX_CHARS}字`)}
      <AttachmentsField known={attachments} readOnly={readOnly} />
    </section>
  );
}

/** 获得的省级以上荣誉: a list with 【添加荣誉】 and 【删除】. */
function HonoursList({ readOnly }: { readOnly: boolean }) {
  return (
    <div className="registration-honours" role="group" aria-labelledby="registration-honours-label">
      <div className="registration-honours__label" id="registration-honours-label">
        {OPTIONAL_LABELS.honours}
      </div>
      <Form.List name={['optional', 'honours']}>
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && readOnly ? <p className="registration-honours__empty">未填写</p> : null}
            {fields.map((f, index) => (
              <div key={f.key} className="registration-honours__row">
                <Form.Item name={[f.name]} label={`荣誉${index + 1}`} className="registration-honours__item" rules={[{ max: 100, message: '每项荣誉不超过100字' }]}>
                  <Input maxLength={100} readOnly={readOnly} />
                </Form.Item>
                {readOnly ? null : (
                  <Button onClick={() => remove(f.name)} aria-label={`删除荣誉${index + 1}`}>
                    删除
                  </Button>
                )}
              </div>
            ))}
            {readOnly || fields.length >= HONOURS_MAX ? null : <Button onClick={() => add('')}>添加荣誉</Button>}
          </>
        )}
      </Form.List>
    </div>
  );
}
