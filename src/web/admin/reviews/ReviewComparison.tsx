import { Alert, Table, Tag, type TableColumnsType } from 'antd';
import { comparisonResultLabels, reviewFieldLabels } from '../../../shared/review-labels';
import { ReviewValue } from './ReviewValue';
import type { ComparedField, ComparisonResult, ReviewDetail } from './types';

/** Tag colours with white text at ≥ 4.5:1 contrast. */
const RESULT_COLORS: Record<ComparisonResult, string> = { same: '#237804', different: '#a8071a', missing: '#595959' };

/**
 * 手机号修改: what the applicant typed beside the target account's verified record, one row
 * per field, every mismatch tagged 不一致 (the server compares the full values).
 */
export function ReviewComparison({ review }: { review: ReviewDetail & { comparison: ComparedField[] } }) {
  const different = review.comparison.filter((row) => row.result === 'different').length;
  const verified = review.comparison.some((row) => row.result !== 'missing');
  const columns: TableColumnsType<ComparedField> = [
    { title: '核对项', dataIndex: 'field', key: 'field', render: (field: ComparedField['field']) => reviewFieldLabels[field] },
    {
      title: '申请人填写',
      key: 'applicant',
      render: (_: unknown, row) => <ReviewValue reviewId={review.id} side="applicant" field={row.field} value={row.applicant} revealable={row.revealable.applicant} owner="申请人填写的" />,
    },
    {
      title: '账号实名信息',
      key: 'account',
      render: (_: unknown, row) => <ReviewValue reviewId={review.id} side="account" field={row.field} value={row.account} revealable={row.revealable.account} owner="账号实名的" />,
    },
    {
      title: '核对结果',
      dataIndex: 'result',
      key: 'result',
      render: (result: ComparisonResult) => <Tag color={RESULT_COLORS[result]}>{comparisonResultLabels[result]}</Tag>,
    },
  ];
  return (
    <>
      {!verified ? (
        <Alert className="review-comparison__notice" type="warning" showIcon message="该账号没有实名信息可供核对（未匹配到账号或账号未实名认证），此类申请仅由部级审核。" />
      ) : different > 0 ? (
        <Alert className="review-comparison__notice" type="error" showIcon message={`有 ${different} 项与账号实名信息不一致，请结合上传材料（如授权委托书）审慎核对。`} />
      ) : (
        <Alert className="review-comparison__notice" type="success" showIcon message="申请人填写的信息与账号实名信息一致。" />
      )}
      <Table<ComparedField>
        className="review-comparison"
        rowKey="field"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={review.comparison}
        rowClassName={(row) => (row.result === 'different' ? 'review-comparison__row--different' : '')}
      />
    </>
  );
}
