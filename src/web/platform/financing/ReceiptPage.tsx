import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import catalogueSeed from '../../../shared/data/indicator-catalogue.json';
import { industryLabel } from '../../../shared/industry';
import { districtLabel } from '../../../shared/regions';
import { INDICATOR_GROUP_LABELS, INDICATOR_GROUPS, INDICATOR_INPUTS, LEVEL_LABELS, type Level } from '../../../shared/scoring/indicators';
import { BASIC_LABELS, FINANCING_METHOD_LABELS, FINANCING_NEED_LABELS, OPTIONAL_LABELS, receiptUrl, SECTION_TITLES, type ReceiptAnswer } from '../../../shared/schemas/registration';
import { PLATFORM_NAME } from '../me';
import { useLoginWhenUnauthenticated } from './FinancingEntryPage';
import { FINANCING_PATHS } from './links';
import { computeRatio } from './ratios';
import './financing.css';

const UNITS: Partial<Record<keyof typeof BASIC_LABELS, string>> = {
  employees: '人',
  employeesPrev: '人',
  revenue: '万元',
  revenuePrev: '万元',
  assets: '万元',
  netProfit: '万元',
  taxPaid: '万元',
};

/** 【打印回执】: the 登记回执 of one submitted version, print-ready (the chrome hides in print). */
export default function ReceiptPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const receipt = useQuery({
    queryKey: ['financing', 'receipt', id],
    queryFn: ({ signal }) => api.get<ReceiptAnswer>(receiptUrl(id), { signal }),
  });
  const toLogin = useLoginWhenUnauthenticated(receipt.error, FINANCING_PATHS.entry);
  useDocumentTitle(PLATFORM_NAME, '登记回执');

  let body;
  if (receipt.isPending || toLogin) body = <Loading />;
  else if (isApiError(receipt.error) && receipt.error.status === 404) body = <p className="receipt-missing">回执不存在或无权查看。</p>;
  else if (receipt.error || !receipt.data) body = <LoadError error={receipt.error} onRetry={() => void receipt.refetch()} />;
  else body = <Receipt data={receipt.data} />;
  return (
    <div className="site-container financing-page">
      <Space wrap className="receipt-actions no-print">
        <Button type="primary" size="large" onClick={() => window.print()} disabled={!receipt.data}>
          打印
        </Button>
        <Button size="large" onClick={() => navigate(FINANCING_PATHS.form)}>
          返回登记表
        </Button>
      </Space>
      {body}
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function Receipt({ data }: { data: ReceiptAnswer }) {
  const { basic, indicators, optional } = data.payload;
  const names = new Map(catalogueSeed.indicators.map((c) => [c.code, c.name]));
  const ratioValues = {
    'indicators.rdExpense': indicators.rdExpense,
    'indicators.rdStaff': indicators.rdStaff,
    'basic.revenue': basic.revenue,
    'basic.revenuePrev': basic.revenuePrev,
    'basic.netProfit': basic.netProfit,
    'basic.employees': basic.employees,
    'basic.employeesPrev': basic.employeesPrev,
  };
  const basicText = (key: keyof typeof BASIC_LABELS): string => {
    const v = basic[key];
    if (key === 'industryCode') return industryLabel(String(v)) || String(v);
    if (key === 'districtCode') return districtLabel(String(v)) || String(v);
    return `${v}${UNITS[key] ? ` ${UNITS[key]}` : ''}`;
  };
  const indicatorText = (i: (typeof INDICATOR_INPUTS)[number]): string => {
    const s = i.source;
    if (s.from === 'computed') {
      const r = computeRatio(i.code, ratioValues);
      return r.state === 'value' ? r.text : '不适用';
    }
    const v = s.from === 'basic' ? basic[s.field] : indicators[s.field];
    if (i.kind === 'level') return LEVEL_LABELS[v as Level];
    return `${v}${i.unit ? ` ${i.unit}` : ''}`;
  };
  const f = optional.financing;
  const empty = '未填写';
  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <h1 className="receipt__title" id="receipt-title">
        {data.title}
      </h1>
      <p className="receipt__no">
        受理编号：<strong>{data.acceptanceNo}</strong>
      </p>
      <table className="receipt__table">
        <caption>登记信息</caption>
        <tbody>
          <Row label="企业名称">{data.enterprise.name}</Row>
          <Row label="统一社会信用代码">{data.enterprise.uscc}</Row>
          <Row label="数据年度">{data.dataYear}年</Row>
          <Row label="版本">第{data.version}版</Row>
          <Row label="提交时间">{formatShanghaiDateTime(data.submittedAt, 'second')}</Row>
          <Row label="企业资质">{data.qualifications.map((q) => q.label).join('、') || '—'}</Row>
        </tbody>
      </table>
      <table className="receipt__table">
        <caption>{SECTION_TITLES.basic}</caption>
        <tbody>
          {(Object.keys(BASIC_LABELS) as (keyof typeof BASIC_LABELS)[]).map((key) => (
            <Row key={key} label={BASIC_LABELS[key]}>
              {basicText(key)}
            </Row>
          ))}
        </tbody>
      </table>
      {INDICATOR_GROUPS.map((group) => (
        <table key={group} className="receipt__table">
          <caption>
            {SECTION_TITLES.indicators}：{INDICATOR_GROUP_LABELS[group]}
          </caption>
          <tbody>
            {INDICATOR_INPUTS.filter((i) => i.group === group).map((i) => (
              <Row key={i.code} label={names.get(i.code) ?? i.code}>
                {indicatorText(i)}
              </Row>
            ))}
          </tbody>
        </table>
      ))}
      <table className="receipt__table">
        <caption>{SECTION_TITLES.optional}</caption>
        <tbody>
          <Row label={OPTIONAL_LABELS.need}>{f.need ? FINANCING_NEED_LABELS[f.need] : empty}</Row>
          {f.need === 'yes' ? (
            <>
              <Row label={OPTIONAL_LABELS.amount}>{f.amount ? `${f.amount} 万元` : empty}</Row>
              <Row label={OPTIONAL_LABELS.termMonths}>{f.termMonths !== undefined ? `${f.termMonths} 月` : empty}</Row>
              <Row label={OPTIONAL_LABELS.purpose}>{f.purpose ?? empty}</Row>
              <Row label={OPTIONAL_LABELS.methods}>{f.methods.map((m) => FINANCING_METHOD_LABELS[m]).join('、') || empty}</Row>
              <Row label={OPTIONAL_LABELS.institutions}>{f.institutions ?? empty}</Row>
            </>
          ) : null}
          <Row label={OPTIONAL_LABELS.hiTechCertNo}>{optional.hiTechCertNo ?? empty}</Row>
          <Row label={OPTIONAL_LABELS.honours}>{optional.honours.join('；') || empty}</Row>
          <Row label={OPTIONAL_LABELS.highlights}>{optional.highlights ?? empty}</Row>
          <Row label={OPTIONAL_LABELS.attachments}>{data.attachmentFiles.map((a) => a.name).join('；') || empty}</Row>
        </tbody>
      </table>
      <p className="receipt__footer">
        本回执由{PLATFORM_NAME}生成，打印时间：{formatShanghaiDateTime(new Date(), 'second')}
      </p>
    </article>
  );
}
