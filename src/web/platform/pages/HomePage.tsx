import { useQuery } from '@tanstack/react-query';
import { api } from '../../components/api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { FinancingBlock } from '../home/FinancingBlock';
import { NewsBlock } from '../home/NewsBlock';
import { TierIntro } from '../home/TierIntro';
import type { HomeData } from '../../../shared/schemas/platform';
import { PLATFORM_NAME } from '../me';

/** 首页 (public). */
export function HomePage() {
  useDocumentTitle(PLATFORM_NAME);
  const home = useQuery({
    queryKey: ['platform', 'home'],
    queryFn: ({ signal }) => api.get<HomeData>('/api/platform/home', { signal }),
  });
  const retry = () => void home.refetch();

  return (
    <>
      <section className="home-hero" aria-labelledby="home-hero-title">
        <div className="site-container">
          <h1 className="home-hero__title" id="home-hero-title">
            {PLATFORM_NAME}
          </h1>
          <p className="home-hero__text">
            梯度培育创新型中小企业、专精特新中小企业和专精特新“小巨人”企业，助力中小企业走专业化、精细化、特色化、新颖化发展之路。
          </p>
        </div>
      </section>
      <div className="site-container home-grid">
        <div className="home-grid__half">
          <NewsBlock
            id="home-policies"
            title="政策文件"
            emptyText="暂无政策文件"
            items={home.data?.policies}
            error={home.error}
            isPending={home.isPending}
            onRetry={retry}
          />
        </div>
        <div className="home-grid__half">
          <NewsBlock
            id="home-notices"
            title="通知公告"
            emptyText="暂无通知公告"
            items={home.data?.notices}
            error={home.error}
            isPending={home.isPending}
            onRetry={retry}
          />
        </div>
        <div className="home-grid__wide">
          <TierIntro />
        </div>
        <div className="home-grid__narrow">
          <FinancingBlock />
        </div>
      </div>
    </>
  );
}
