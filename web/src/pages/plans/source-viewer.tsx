import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Spin, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { plansApi } from '../../api/plans';
import { errorText, useT } from '../../i18n';

export interface SourceTarget {
  offset: number;
  /** Text expected at the offset (e.g. an unresolved unit name); else the rest of the line is marked. */
  length?: number;
}

/** The span to mark: `length` characters when given, else up to the end of the line (at most 80). */
function markRange(text: string, target: SourceTarget): [number, number] {
  const start = Math.max(0, Math.min(target.offset, text.length));
  if (target.length) return [start, Math.min(text.length, start + target.length)];
  const lineEnd = text.indexOf('\n', start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return [start, Math.min(end, start + 80, text.length) || Math.min(text.length, start + 1)];
}

/** The imported source text with the finding's place highlighted and scrolled into view. */
export function SourceViewer({
  planId,
  target,
  onClose,
}: {
  planId: number;
  target: SourceTarget | null;
  onClose: () => void;
}) {
  const t = useT();
  const query = useQuery({
    queryKey: ['plans', 'source', planId],
    queryFn: () => plansApi.source(planId),
    enabled: target !== null,
    staleTime: 60_000,
  });
  const markRef = useRef<HTMLElement>(null);
  const text = query.data?.text ?? '';

  useEffect(() => {
    if (target && text) {
      // Wait a frame for the modal's content to lay out.
      const id = requestAnimationFrame(() => markRef.current?.scrollIntoView({ block: 'center' }));
      return () => cancelAnimationFrame(id);
    }
  }, [target, text]);

  const [from, to] = target && text ? markRange(text, target) : [0, 0];
  return (
    <Modal
      open={target !== null}
      title={target ? t('findings.sourceTitle', { offset: target.offset }) : ''}
      onCancel={onClose}
      footer={null}
      width={860}
      destroyOnHidden
    >
      {query.isPending && <Spin />}
      {query.isError && <Alert type="error" showIcon title={errorText(t, query.error)} />}
      {query.data && (
        <>
          {query.data.sourceName && <Typography.Text type="secondary">{query.data.sourceName}</Typography.Text>}
          <pre
            data-testid="source-text"
            style={{
              maxHeight: '60vh',
              overflow: 'auto',
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
              background: '#fafafa',
              border: '1px solid #f0f0f0',
              borderRadius: 6,
              padding: 12,
              fontFamily: 'inherit',
              fontSize: 14,
              lineHeight: 1.8,
              marginTop: 8,
            }}
          >
            {text.slice(0, from)}
            <mark ref={markRef} style={{ background: '#ffe58f', padding: '1px 0', outline: '2px solid #faad14' }}>
              {text.slice(from, to)}
            </mark>
            {text.slice(to)}
          </pre>
        </>
      )}
    </Modal>
  );
}
