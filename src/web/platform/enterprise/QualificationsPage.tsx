import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QUALIFICATION_COLUMN_LABELS as C } from '../../../shared/enterprise-labels';
import type { QualificationRow } from '../../../shared/schemas/enterprise';
import { EnterpriseLayout, QueryGate } from './EnterpriseLayout';
import { ENTERPRISE_PAGES } from './links';
import { qualificationsQuery } from './queries';

const columns: TableColumnsType<QualificationRow> = [
  { key: 'type', title: C.type, dataIndex: 'typeLabel' },
  { key: 'certNo', title: C.certNo, dataIndex: 'certNo' },
  { key: 'batch', title: C.batch, dataIndex: 'batch' },
  { key: 'recognizedOn', title: C.recognizedOn, dataIndex: 'recognizedOn' },
  { key: 'validUntil', title: C.validUntil, dataIndex: 'validUntil' },
  {
    key: 'state',
    title: C.state,
    render: (_, row) => (
      <>
        <StateTag row={row} />
        {row.revokedReason ? <div className="enterprise-muted">撤销原因：{row.revokedReason}</div> : null}
      </>
    ),
  },
  { key: 'authority', title: C.authority, dataIndex: 'authority' },
];

/** 【认定情况】: the enterprise's 梯度培育 qualifications and 科技型中小企业 入库, with their 状态. */
export default function QualificationsPage() {
  const list = useQuery(qualificationsQuery);
  return (
    <EnterpriseLayout title="认定情况">
      <QueryGate query={list} returnTo={ENTERPRISE_PAGES.qualifications}>
        {() =>
          list.data!.items.length === 0 ? (
            <HowToApply />
          ) : (
            <>
              <Table<QualificationRow> className="enterprise-table" rowKey="id" columns={columns} dataSource={list.data!.items} pagination={false} scroll={{ x: 860 }} size="middle" />
              <QualificationCards items={list.data!.items} />
              <p className="enterprise-note">认定编号即入库编号（科技型中小企业）；认定年度即批次。“有效”指认定日期在近3年内且未超过有效期至。</p>
            </>
          )
        }
      </QueryGate>
    </EnterpriseLayout>
  );
}

/** Phones: one card per qualification with every column (the table is hidden there). */
function QualificationCards({ items }: { items: QualificationRow[] }) {
  return (
    <ul className="enterprise-cards">
      {items.map((q) => (
        <li key={q.id} className="enterprise-card">
          <p className="enterprise-card__title">
            {q.typeLabel} <StateTag row={q} />
          </p>
          <dl className="enterprise-card__list">
            <dt>{C.certNo}</dt>
            <dd>{q.certNo}</dd>
            <dt>{C.batch}</dt>
            <dd>{q.batch}</dd>
            <dt>{C.recognizedOn}</dt>
            <dd>{q.recognizedOn}</dd>
            <dt>{C.validUntil}</dt>
            <dd>{q.validUntil}</dd>
            <dt>{C.authority}</dt>
            <dd>{q.authority}</dd>
            {q.revokedReason ? (
              <>
                <dt>撤销原因</dt>
                <dd>{q.revokedReason}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

function StateTag({ row }: { row: QualificationRow }) {
  return <Tag className={`enterprise-state enterprise-state--${row.state}`}>{row.stateLabel}</Tag>;
}

/** The empty state: what the tiers are and how an enterprise applies. */
function HowToApply() {
  return (
    <div className="enterprise-empty" role="status">
      <p className="enterprise-empty__title">本企业暂无认定记录。</p>
      <p>如何申请：</p>
      <ol>
        <li>创新型中小企业、专精特新中小企业：关注所在省（区、市）中小企业主管部门发布的申报通知，按通知要求提交申请，由省级主管部门组织评价认定。</li>
        <li>专精特新“小巨人”企业：已认定为专精特新中小企业的企业，按工业和信息化部通知经省级主管部门推荐申报。</li>
        <li>科技型中小企业：通过全国科技型中小企业信息服务平台自主评价，经科技管理部门公示入库（每年入库有效期至当年12月31日）。</li>
      </ol>
      <p>
        认定（入库）结果由主管部门导入本平台后显示在此页面。申报通知请见平台首页“通知公告”；请同时核对
        <Link to={ENTERPRISE_PAGES.view}>企业信息</Link>是否完整。
      </p>
    </div>
  );
}
