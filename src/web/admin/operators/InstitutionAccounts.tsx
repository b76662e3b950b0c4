import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoadError } from '../../components/QueryState';
import { errorMessage, isApiError } from '../../components/api';
import { adminApi } from '../adminApi';
import { useAdminMe } from '../me';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { citiesOf, operatorRegionLabel, provinceOptions } from '../../../shared/operator-regions';
import { ADMIN_INSTITUTION_ROUTES, type InstitutionCreated, type InstitutionCreateInput, type InstitutionList } from '../../../shared/schemas/admin-institutions';

type Item = InstitutionList['items'][number];

/**
 * 【账号管理】 → 金融机构账号: partner institutions (银行, 担保机构) with the regions they serve and
 * their 金融机构端 users. 部级: all; 省级: those in its province. 市级 operators do not get it.
 */
export function InstitutionAccounts() {
  const me = useAdminMe();
  const operator = me.data?.loggedIn ? me.data : null;
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<InstitutionCreated | null>(null);
  const enabled = operator !== null && operator.role !== 'city';
  const list = useQuery({ queryKey: ['admin', 'institutions'], queryFn: ({ signal }) => adminApi.get<InstitutionList>(ADMIN_INSTITUTION_ROUTES.list, { signal }), enabled, staleTime: 0 });
  if (!enabled) return null;
  return (
    <section className="admin-page institution-accounts" aria-labelledby="institution-accounts-title">
      <div className="admin-page__heading">
        <h2 id="institution-accounts-title" className="admin-page__title">
          金融机构账号
        </h2>
        <Button type="primary" onClick={() => setCreating(true)}>
          新建金融机构
        </Button>
      </div>
      <p className="admin-page__intro">合作金融机构在金融机构端（/institution）查看服务地区内已提交登记并同意推送的企业，登录需密码和动态口令。</p>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Item>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          pagination={false}
          locale={{ emptyText: <p className="admin-empty">暂无金融机构</p> }}
          columns={[
            { title: '机构名称', dataIndex: 'name', width: 220 },
            { title: '服务地区', dataIndex: 'regions', width: 200, render: (regions: string[]) => regions.map(operatorRegionLabel).join('、') },
            {
              title: '账号',
              dataIndex: 'users',
              render: (users: Item['users']) =>
                users.map((u) => (
                  <div key={u.id}>
                    {u.username}（{u.displayName}）{u.status === 'active' ? null : <Tag>已停用</Tag>}
                    {u.totpEnrolled ? <Tag color="#237804">已绑定动态口令</Tag> : <Tag>未绑定动态口令</Tag>}
                  </div>
                )),
            },
            { title: '创建时间', dataIndex: 'createdAt', width: 160, render: (at: string) => formatShanghaiDateTime(at, 'minute') },
          ]}
        />
      )}
      {creating ? (
        <CreateInstitutionModal
          provinceOnly={operator.role === 'province' ? operator.regionCode : null}
          onClose={() => setCreating(false)}
          onCreated={(answer) => {
            setCreating(false);
            setCreated(answer);
            void queryClient.invalidateQueries({ queryKey: ['admin', 'institutions'] });
          }}
        />
      ) : null}
      <Modal title="账号已创建" open={created !== null} onOk={() => setCreated(null)} onCancel={() => setCreated(null)} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }}>
        {created ? (
          <>
            <p>账号：{created.username}</p>
            <p>
              初始密码（只显示这一次）：
              <Typography.Text code copyable>
                {created.initialPassword}
              </Typography.Text>
            </p>
            <p>首次登录时需绑定动态口令。</p>
          </>
        ) : null}
      </Modal>
    </section>
  );
}

function CreateInstitutionModal({ provinceOnly, onClose, onCreated }: { provinceOnly: string | null; onClose: () => void; onCreated: (c: InstitutionCreated) => void }) {
  const [form] = Form.useForm<InstitutionCreateInput>();
  const { message } = App.useApp();
  const regionOptions = provinceOnly
    ? [{ value: provinceOnly, label: operatorRegionLabel(provinceOnly) }, ...citiesOf(provinceOnly).map((c) => ({ value: c.code, label: operatorRegionLabel(c.code) }))]
    : provinceOptions.map((p) => ({ value: p.code, label: p.name }));
  const save = useMutation({
    mutationFn: (input: InstitutionCreateInput) => adminApi.post<InstitutionCreated>(ADMIN_INSTITUTION_ROUTES.list, input),
    onSuccess: (answer) => {
      void message.success('已创建');
      onCreated(answer);
    },
    onError: (error) => {
      if (isApiError(error)) form.setFields(Object.entries(error.fieldErrors).map(([name, msg]) => ({ name: name as keyof InstitutionCreateInput, errors: [msg] })));
    },
  });
  return (
    <Modal title="新建金融机构" open onCancel={onClose} okText="确定" cancelText="取消" confirmLoading={save.isPending} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" name="institution-create" onFinish={(values) => save.mutate(values)}>
        <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label="服务地区" name="regions" rules={[{ required: true, message: '请选择服务地区' }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={regionOptions} />
        </Form.Item>
        <Form.Item label="账号" name="username" extra="小写字母开头，3-32位小写字母、数字或下划线" rules={[{ required: true, message: '请输入账号' }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label="名称" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={30} />
        </Form.Item>
        {save.error && !(isApiError(save.error) && Object.keys(save.error.fieldErrors).length > 0) ? <Alert type="error" showIcon message={errorMessage(save.error)} /> : null}
      </Form>
    </Modal>
  );
}
