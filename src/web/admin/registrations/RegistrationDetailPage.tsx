import { Descriptions, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { LoadError, Loading } from '../../components/QueryState';
import { ROUTES } from '../links';
import { ADMIN_NAME } from '../me';
import { registrationsApi } from './api';
import './registrations.css';

const shanghaiTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 【登记查询】 detail: ① figures, 认定情况, versions and the 创新积分 breakdown (viewing is audited). */
export default function RegistrationDetailPage() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['admin', 'registration', id], queryFn: () => registrationsApi.detail(id), retry: false });
  useDocumentTitle(ADMIN_NAME, detail.data?.item.enterpriseName ?? '登记详情');
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const { item, basic, versions, qualifications, score, contactName, contactMobile } = detail.data;
  return (
    <section className="admin-page registration-detail" aria-labelledby="registration-title">
      <div>
        <Link to={ROUTES.registrations}>返回登记查询</Link>
        <h1 id="registration-title" className="admin-page__title">
          {item.enterpriseName ?? item.uscc}
        </h1>
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label="统一社会信用代码">{item.uscc}</Descriptions.Item>
        <Descriptions.Item label="数据年度">{item.dataYear}</Descriptions.Item>
        <Descriptions.Item label="地区">{item.regionLabel}</Descriptions.Item>
        <Descriptions.Item label="企业规模">{item.size}</Descriptions.Item>
        <Descriptions.Item label="状态">{item.statusLabel}</Descriptions.Item>
        <Descriptions.Item label="最近提交时间">{shanghaiTime(item.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="联系人">{contactName || '—'}</Descriptions.Item>
        <Descriptions.Item label="联系人手机">{contactMobile || '—'}</Descriptions.Item>
      </Descriptions>

      <div>
        <h2>①企业基本情况</h2>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          {basic.map((b) => (
            <Descriptions.Item key={b.label} label={b.label}>
              {b.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </div>

      <div>
        <h2>认定情况</h2>
        <Table
          size="small"
          rowKey={(q) => `${q.typeLabel}-${q.certNo}`}
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={qualifications}
          locale={{ emptyText: '暂无认定信息' }}
          columns={[
            { title: '资质类型', dataIndex: 'typeLabel' },
            { title: '认定编号', dataIndex: 'certNo' },
            { title: '认定日期', dataIndex: 'recognizedOn' },
            { title: '有效期至', dataIndex: 'validUntil' },
            { title: '状态', dataIndex: 'valid', render: (valid: boolean) => (valid ? <Tag color="#237804">有效</Tag> : <Tag>无效</Tag>) },
          ]}
        />
      </div>

      <div>
        <h2>提交版本</h2>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={versions}
          columns={[
            { title: '版本', dataIndex: 'version', render: (v: number) => `第${v}版` },
            { title: '受理编号', dataIndex: 'acceptanceNo' },
            { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => shanghaiTime(v) },
          ]}
        />
      </div>

      <div>
        <h2>创新积分</h2>
        {score ? (
          <>
            <p>
              总分 <strong>{score.total.toFixed(2)}</strong>，发展阶段：{score.stageLabel}，指标体系版本 {score.catalogueVersion}，计算时间 {shanghaiTime(score.computedAt)}
            </p>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={score.indicators}
              columns={[
                { title: '编号', dataIndex: 'code', width: 80 },
                { title: '指标', dataIndex: 'name' },
                { title: '指标得分', dataIndex: 'score', width: 100, render: (v: number) => v.toFixed(2) },
              ]}
            />
          </>
        ) : (
          <p>尚未计算创新积分。</p>
        )}
      </div>
    </section>
  );
}
