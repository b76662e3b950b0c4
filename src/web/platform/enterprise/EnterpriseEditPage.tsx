import { useMemo } from 'react';
import { App, Button, DatePicker, Descriptions, Form, Input, Radio, Select } from 'antd';
import type { SelectProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import dayjs from 'dayjs';
import { api } from '../../components/api';
import { Field } from '../../components/form/Field';
import { FormAlert, useSubmitState } from '../../components/form/SubmitForm';
import { revalidateOnChange } from '../../components/form/rules';
import { enterpriseProfileInput, type EnterpriseProfileAnswer } from '../../../shared/schemas/enterprise';
import {
  COMPANY_TYPE_LABELS,
  COMPANY_TYPES,
  ENTERPRISE_SIZE_LABEL,
  INTRO_MAX,
  LISTING_BOARD_LABELS,
  LISTING_BOARDS,
  MAIN_BUSINESS_MAX,
  PROFILE_FIELD_LABELS as L,
  PROFILE_FIELD_UNITS as U,
  RECORD_FIELD_LABELS,
} from '../../../shared/enterprise-labels';
import { classifyEnterpriseSize, describeSizeFigures, sizeMeasuresOf, sizeSectorOf, SIZE_NOT_APPLICABLE_LABEL } from '../../../shared/enterprise-size';
import { isIndustryMiddleClass } from '../../../shared/industry';
import { validateCount, validateMoneyWan } from '../../../shared/validators/amounts';
import { IndustryCascader, RegionCascader } from '../financing/Cascaders';
import { EnterpriseLayout, QueryGate } from './EnterpriseLayout';
import { SizeText } from './EnterpriseInfoPage';
import { ENTERPRISE_PAGES } from './links';
import { PROFILE_API, profileQuery } from './queries';

type FormValues = Record<string, unknown>;

/** The shared rules of 【保存】 (the same as the server's), with the browser's clock. */
const schema = enterpriseProfileInput(() => new Date());

/** 【企业信息】 edit form: 【保存】 and 【取消】. */
export default function EnterpriseEditPage() {
  const profile = useQuery(profileQuery);
  return (
    <EnterpriseLayout title="编辑企业信息">
      <QueryGate query={profile} returnTo={ENTERPRISE_PAGES.edit}>
        {() => <EditForm data={profile.data!} />}
      </QueryGate>
    </EnterpriseLayout>
  );
}

/** A date typed or picked as 'YYYY-MM-DD', not after today. */
function DateInput({ value, onChange, 'aria-required': _r, 'aria-invalid': _i, ...props }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; 'aria-required'?: unknown; 'aria-invalid'?: unknown }) {
  return (
    <DatePicker
      {...props}
      className="enterprise-date"
      format="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      value={value && dayjs(value, 'YYYY-MM-DD', true).isValid() ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
    />
  );
}

/**
 * A Select whose aria-required / aria-invalid (handed over by Form.Item) are dropped: antd
 * puts them on the outer <div> (axe: aria-allowed-attr); the label and the message stay tied.
 */
function ChoiceSelect({ 'aria-required': _r, 'aria-invalid': _i, ...props }: SelectProps & { 'aria-required'?: unknown; 'aria-invalid'?: unknown }) {
  return <Select {...props} />;
}

function initialValues(data: EnterpriseProfileAnswer): FormValues {
  const p = data.profile;
  return {
    ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v ?? undefined])),
    employees: p.employees === null ? undefined : String(p.employees),
    listed: p.listed ?? false,
  };
}

/** What the form sends: empty optional fields as null. */
function toBody(values: FormValues) {
  const body: FormValues = {};
  for (const [k, v] of Object.entries(values)) body[k] = v === undefined ? null : v;
  body.listed = values.listed === true;
  if (!body.listed) {
    body.listingBoard = null;
    body.stockCode = null;
  }
  return body;
}

/** 企业规模 as the person types (the server computes it again on 【保存】). */
function LiveSize() {
  const form = Form.useFormInstance();
  const industryCode = Form.useWatch('industryCode', form) as string | undefined;
  const employees = Form.useWatch('employees', form) as unknown;
  const revenueWan = Form.useWatch('revenueWan', form) as unknown;
  const assetsWan = Form.useWatch('assetsWan', form) as unknown;
  const size = useMemo<EnterpriseProfileAnswer['size']>(() => {
    if (!industryCode || !isIndustryMiddleClass(industryCode)) return null;
    const sector = sizeSectorOf(industryCode);
    if (!sector) return { size: '不适用', label: SIZE_NOT_APPLICABLE_LABEL, sector: null, figures: '' };
    const count = typeof employees === 'string' || typeof employees === 'number' ? validateCount(employees) : null;
    const money = (v: unknown) => (typeof v === 'string' ? validateMoneyWan(v) : null);
    const r = money(revenueWan);
    const a = money(assetsWan);
    const given = { employees: count?.ok ? count.value : null, revenueWan: r?.ok ? r.value : null, assetsWan: a?.ok ? a.value : null };
    if (sizeMeasuresOf(sector).some((m) => given[m] === null)) return null;
    const result = classifyEnterpriseSize({ industryCode, employees: given.employees ?? 0, revenueWan: given.revenueWan ?? '0', assetsWan: given.assetsWan ?? '0' });
    return { size: result.size, label: result.label, sector: result.sector, figures: describeSizeFigures(result.figures) };
  }, [industryCode, employees, revenueWan, assetsWan]);
  return (
    <div className="enterprise-size" aria-live="polite">
      <span className="enterprise-size__label">{ENTERPRISE_SIZE_LABEL}</span>
      <SizeText size={size} />
    </div>
  );
}

function EditForm({ data }: { data: EnterpriseProfileAnswer }) {
  const state = useSubmitState<FormValues>();
  const { form } = state;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const listed = Form.useWatch('listed', form) as boolean | undefined;
  const initial = useMemo(() => initialValues(data), [data]);

  async function save(values: FormValues) {
    const ok = await state.run(async () => {
      const saved = await api.put<EnterpriseProfileAnswer>(PROFILE_API, toBody(values));
      queryClient.setQueryData(profileQuery.queryKey, saved);
    });
    if (!ok) return;
    void message.success('企业信息已保存');
    navigate(ENTERPRISE_PAGES.view);
  }

  const money = (label: string) => <Input inputMode="decimal" suffix={label} maxLength={20} autoComplete="off" />;

  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      validateTrigger="onBlur"
      requiredMark
      scrollToFirstError={{ block: 'center', focus: true }}
      initialValues={initial}
      onValuesChange={revalidateOnChange(form)}
      onFinish={(values) => void save(values)}
      className="enterprise-form"
    >
      <FormAlert message={state.alert} />
      <Descriptions
        className="enterprise-descriptions enterprise-record"
        bordered
        column={1}
        size="middle"
        items={[
          { key: 'enterpriseName', label: RECORD_FIELD_LABELS.enterpriseName, children: data.enterpriseName },
          { key: 'uscc', label: RECORD_FIELD_LABELS.uscc, children: data.uscc },
          { key: 'legalRepName', label: RECORD_FIELD_LABELS.legalRepName, children: data.legalRepName },
        ]}
      />
      <p className="enterprise-note">以上信息来自实名认证，不可修改。</p>

      <div className="enterprise-grid">
        <Field label={L.districtCode} name="districtCode" schema={schema} emptyMessage="请选择注册地址所在省/市/区县" extra="省/市/区县">
          <RegionCascader />
        </Field>
        <Field label={L.addressDetail} name="addressDetail" schema={schema}>
          <Input maxLength={100} autoComplete="off" placeholder="街道、门牌号等" />
        </Field>
        <Field label={L.establishedOn} name="establishedOn" schema={schema} emptyMessage="请选择成立日期">
          <DateInput />
        </Field>
        <Field label={L.registeredCapitalWan} name="registeredCapitalWan" schema={schema}>
          {money(U.registeredCapitalWan!)}
        </Field>
        <Field label={L.companyType} name="companyType" schema={schema} emptyMessage="请选择企业类型">
          <ChoiceSelect options={COMPANY_TYPES.map((t) => ({ value: t, label: COMPANY_TYPE_LABELS[t] }))} placeholder="请选择" />
        </Field>
        <Field label={L.industryCode} name="industryCode" schema={schema} emptyMessage="请选择所属行业" extra="国民经济行业分类（GB/T 4754-2017）门类/大类/中类，可输入名称搜索">
          <IndustryCascader />
        </Field>
        <Field label={L.mainBusiness} name="mainBusiness" schema={schema} className="enterprise-grid__wide">
          <Input.TextArea rows={3} maxLength={MAIN_BUSINESS_MAX} showCount />
        </Field>
        <Field label={L.employees} name="employees" schema={schema}>
          <Input inputMode="numeric" suffix={U.employees} maxLength={10} autoComplete="off" />
        </Field>
        <Field label={L.revenueWan} name="revenueWan" schema={schema}>
          {money(U.revenueWan!)}
        </Field>
        <Field label={L.assetsWan} name="assetsWan" schema={schema}>
          {money(U.assetsWan!)}
        </Field>
        <div className="enterprise-grid__wide">
          <LiveSize />
        </div>
        <Field label={L.contactName} name="contactName" schema={schema}>
          <Input maxLength={20} autoComplete="name" />
        </Field>
        <Field label={L.contactMobile} name="contactMobile" schema={schema}>
          <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        </Field>
        <Field label={L.contactEmail} name="contactEmail" schema={schema}>
          <Input type="email" inputMode="email" autoComplete="email" maxLength={254} />
        </Field>
        <Field label={L.businessAddress} name="businessAddress" schema={schema} optional>
          <Input maxLength={200} autoComplete="off" />
        </Field>
        <Field label={L.website} name="website" schema={schema} optional>
          <Input inputMode="url" maxLength={200} autoComplete="url" placeholder="www.example.com" />
        </Field>
        <Form.Item label={L.listed} name="listed">
          <Radio.Group
            options={[
              { value: true, label: '是' },
              { value: false, label: '否' },
            ]}
          />
        </Form.Item>
        {listed ? (
          <>
            <Field label={L.listingBoard} name="listingBoard" schema={schema} emptyMessage="请选择上市板块">
              <ChoiceSelect options={LISTING_BOARDS.map((b) => ({ value: b, label: LISTING_BOARD_LABELS[b] }))} placeholder="请选择" />
            </Field>
            <Field label={L.stockCode} name="stockCode" schema={schema}>
              <Input maxLength={12} autoComplete="off" />
            </Field>
          </>
        ) : null}
        <Field label={L.intro} name="intro" schema={schema} optional className="enterprise-grid__wide">
          <Input.TextArea rows={4} maxLength={INTRO_MAX} showCount />
        </Field>
      </div>

      <div className="enterprise-actions">
        <Button type="primary" htmlType="submit" size="large" aria-busy={state.busy || undefined} loading={state.busy}>
          保存
        </Button>
        <Button size="large" onClick={() => navigate(ENTERPRISE_PAGES.view)}>
          取消
        </Button>
      </div>
    </Form>
  );
}
