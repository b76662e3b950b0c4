import { useRef, useState } from 'react';
import { Button, Form } from 'antd';
import { api, errorMessage } from '../../components/api';
import { uploadProblem } from '../../components/form/uploadCheck';
import { ATTACHMENTS_MAX, attachmentUrl, FINANCING_ROUTES, OPTIONAL_LABELS, type AttachmentInfo } from '../../../shared/schemas/registration';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`);

/**
 * ③ 附件: each chosen file is uploaded at once (PDF/JPG/PNG ≤ 5 MB, checked by its first bytes
 * here and again by the server); the form keeps the files' ids under optional.attachments.
 */
export function AttachmentsField({ known, readOnly }: { known: readonly AttachmentInfo[]; readOnly: boolean }) {
  return (
    <Form.Item name={['optional', 'attachments']} noStyle>
      <AttachmentsControl known={known} readOnly={readOnly} />
    </Form.Item>
  );
}

function AttachmentsControl({ known, readOnly, value = [], onChange }: { known: readonly AttachmentInfo[]; readOnly: boolean; value?: string[]; onChange?: (ids: string[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [infos, setInfos] = useState<AttachmentInfo[]>(() => [...known]);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const ids = Array.isArray(value) ? value : [];

  async function choose(files: FileList | null) {
    const file = files?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    setProblem(null);
    const refused = await uploadProblem(file);
    if (refused) {
      setProblem(refused);
      return;
    }
    setUploading(true);
    try {
      const data = new FormData();
      data.append('file', file, file.name);
      const info = await api.post<AttachmentInfo>(FINANCING_ROUTES.attachments, data);
      setInfos((list) => [...list, info]);
      onChange?.([...ids, info.id]);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="registration-attachments" role="group" aria-labelledby="registration-attachments-label" aria-describedby="registration-attachments-help">
      <div className="registration-honours__label" id="registration-attachments-label">
        {OPTIONAL_LABELS.attachments}
      </div>
      {ids.length === 0 && readOnly ? <p className="registration-honours__empty">未上传</p> : null}
      <ul className="registration-attachments__list">
        {ids.map((id, index) => {
          const info = infos.find((i) => i.id === id);
          return (
            <li key={id}>
              <a href={attachmentUrl(id)} target="_blank" rel="noopener noreferrer">
                {info ? info.name : `附件${index + 1}`}
              </a>
              {info ? <span className="registration-attachments__size">（{sizeText(info.size)}）</span> : null}
              {readOnly ? null : (
                <Button size="small" onClick={() => onChange?.(ids.filter((x) => x !== id))} aria-label={`删除附件${info ? info.name : index + 1}`}>
                  删除
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {readOnly ? null : (
        <>
          <input
            ref={input}
            id="registration-attachments-input"
            className="registration-visually-hidden"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => void choose(e.target.files)}
          />
          <Button onClick={() => input.current?.click()} disabled={uploading || ids.length >= ATTACHMENTS_MAX} aria-describedby="registration-attachments-help">
            {uploading ? '正在上传…' : '上传附件'}
          </Button>
        </>
      )}
      <p className="registration-section__note registration-attachments__help" id="registration-attachments-help">
        最多{ATTACHMENTS_MAX}个，PDF、JPG或PNG文件，每个不超过5MB
      </p>
      {problem ? (
        <p className="registration-attachments__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
