import { useState } from 'react';
import { Button, Image } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../components/api';
import { reportIfUnauthenticated } from '../adminApi';
import { reviewFileUrl } from './types';

type LoadedFile = { type: 'image'; dataUrl: string } | { type: 'pdf' } | { type: 'other'; contentType: string };

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * One upload: its type comes from the response header (the server sniffed it at upload).
 * Images are shown here; the page's CSP allows `img-src 'self' data:` but no blob: URLs, so
 * the image becomes a data: URL. A PDF's body is not read here: the server's CSP (object-src
 * 'none', frame-ancestors 'none') rules out embedding, so it opens in a new tab.
 */
async function loadFile(url: string, signal: AbortSignal): Promise<LoadedFile> {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort());
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError({ code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE, status: 0 });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError({ code: body?.code ?? `HTTP_${res.status}`, message: body?.message ?? '文件加载失败', status: res.status });
  }
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (contentType === 'image/jpeg' || contentType === 'image/png') return { type: 'image', dataUrl: await readAsDataUrl(await res.blob()) };
  controller.abort();
  return contentType === 'application/pdf' ? { type: 'pdf' } : { type: 'other', contentType };
}

export interface ReviewFileProps {
  reviewId: string;
  role: string;
  label: string;
}

/** A card with the upload's label, the image (click or 【查看大图】 to enlarge) or the PDF, and 【查看】. */
export function ReviewFile({ reviewId, role, label }: ReviewFileProps) {
  const url = reviewFileUrl(reviewId, role);
  const [previewOpen, setPreviewOpen] = useState(false);
  const file = useQuery({
    queryKey: ['admin', 'review-file', reviewId, role],
    queryFn: async ({ signal }) => {
      try {
        return await loadFile(url, signal);
      } catch (error) {
        reportIfUnauthenticated(error);
        throw error;
      }
    },
    staleTime: Infinity,
    gcTime: 60_000,
  });
  const titleId = `file-${role}-title`;

  return (
    <figure className="review-file" aria-labelledby={titleId}>
      <figcaption id={titleId} className="review-file__label">
        {label}
      </figcaption>
      <div className="review-file__body">
        {file.isPending ? (
          <span className="review-file__placeholder" role="status">
            正在加载…
          </span>
        ) : file.isError ? (
          <span className="review-file__placeholder review-file__placeholder--error" role="alert">
            加载失败：{file.error instanceof ApiError ? file.error.message : '文件加载失败'}
          </span>
        ) : file.data.type === 'image' ? (
          <Image
            src={file.data.dataUrl}
            alt={label}
            width="100%"
            height={160}
            className="review-file__image"
            preview={{ visible: previewOpen, onVisibleChange: setPreviewOpen, mask: '点击放大' }}
          />
        ) : file.data.type === 'pdf' ? (
          <span className="review-file__pdf">
            <FilePdfOutlined aria-hidden="true" className="review-file__pdf-icon" />
            <span>PDF文件</span>
          </span>
        ) : (
          <span className="review-file__placeholder">无法预览的文件</span>
        )}
      </div>
      <div className="review-file__actions">
        {file.data?.type === 'image' ? (
          <Button size="small" onClick={() => setPreviewOpen(true)} aria-describedby={titleId}>
            查看大图
          </Button>
        ) : null}
        <a href={url} target="_blank" rel="noopener noreferrer" aria-describedby={titleId} title="在新窗口打开">
          查看
        </a>
      </div>
    </figure>
  );
}
