import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../components/api';
import { LoadError, Loading } from '../../components/QueryState';
import { formatShanghaiDateTime } from '../../../shared/datetime';
import { FINANCING_ROUTES, type VersionsAnswer } from '../../../shared/schemas/registration';
import { FINANCING_PATHS } from './links';

/** 版本记录: every submission of this 数据年度, newest first, each with its 回执. */
export function VersionHistory() {
  const versions = useQuery({
    queryKey: ['financing', 'versions'],
    queryFn: ({ signal }) => api.get<VersionsAnswer>(FINANCING_ROUTES.versions, { signal }),
    staleTime: 0,
  });
  let body;
  if (versions.isPending) body = <Loading />;
  else if (versions.error || !versions.data) body = <LoadError error={versions.error} onRetry={() => void versions.refetch()} />;
  else if (versions.data.versions.length === 0) body = <p className="registration-versions__empty">尚未提交过登记。</p>;
  else {
    const list = [...versions.data.versions].sort((a, b) => b.version - a.version);
    body = (
      <div className="registration-versions__scroll">
        <table className="registration-versions__table">
          <caption className="registration-visually-hidden">{versions.data.dataYear}年度登记的提交记录</caption>
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">受理编号</th>
              <th scope="col">提交时间</th>
              <th scope="col">回执</th>
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.id}>
                <td>第{v.version}版</td>
                <td>{v.acceptanceNo}</td>
                <td>{formatShanghaiDateTime(v.submittedAt, 'minute')}</td>
                <td>
                  <Link to={FINANCING_PATHS.receipt(v.id)} aria-label={`第${v.version}版登记回执`}>
                    查看回执
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="registration-versions no-print" aria-labelledby="registration-versions-title">
      <h2 className="registration-section__title" id="registration-versions-title">
        版本记录
      </h2>
      {body}
    </section>
  );
}
