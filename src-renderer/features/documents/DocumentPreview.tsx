import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '@common/printing/documents';
import type { AppErrorData } from '@common/result';
import { errorMessage } from '../../i18n/errors';
import { useDocumentsStore } from './store';

// The printed page's margins come from @page; on screen the sheet gets the same white border.
const SCREEN_MARGINS = '<style>@media screen { html { background: #fff; } body { padding: 14mm 18mm; } }</style>';

type Loaded = { key: string; html: string } | { key: string; error: AppErrorData };

/** The document exactly as the print template renders it (A4), in a sandboxed frame with no scripts. */
export function DocumentPreview({
  caseId,
  kind,
  height = 720,
}: {
  caseId: string;
  kind: DocumentKind;
  height?: number;
}) {
  const { t } = useTranslation();
  const preview = useDocumentsStore((s) => s.preview);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = `${caseId}|${kind}`;

  useEffect(() => {
    let live = true;
    void preview(caseId, kind).then((result) => {
      if (!live) return;
      if (!result.ok) setLoaded({ key, error: result.error });
      else if (result.value.as === 'html')
        setLoaded({ key, html: result.value.html.replace('</head>', `${SCREEN_MARGINS}</head>`) });
    });
    return () => {
      live = false;
    };
  }, [caseId, kind, key, preview]);

  if (!loaded || loaded.key !== key) {
    return (
      <div className="document-sheet document-sheet--loading" style={{ height }}>
        <Spin />
      </div>
    );
  }
  if ('error' in loaded)
    return (
      <Alert type="error" showIcon title={t('documents.previewFailed')} description={errorMessage(loaded.error)} />
    );
  return <Sheet key={loaded.key} html={loaded.html} height={height} />;
}

/** The sandboxed sheet; busy until its document has loaded. */
function Sheet({ html, height }: { html: string; height: number }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  return (
    <div className="document-desk" aria-busy={!ready}>
      <Spin spinning={!ready}>
        <iframe
          className="document-sheet"
          title={t('documents.preview')}
          sandbox=""
          srcDoc={html}
          style={{ height }}
          onLoad={() => setReady(true)}
        />
      </Spin>
    </div>
  );
}
