import { Alert, Card, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '@common/cases/case-types';
import { chinaDate } from '@common/time';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';
import { useCatalogueStore } from '../intake/catalogue-store';
import { CaseDetailDrawer } from './CaseDetailDrawer';
import { CaseFilterBar } from './CaseFilterBar';
import { useCaseColumns } from './case-columns';
import { PAGE_SIZE, useCasesStore } from './store';

/** What the list shows: today's cases, the chosen dates, or the search and how its text was understood. */
function Caption() {
  const { t } = useTranslation();
  const filters = useCasesStore((s) => s.filters);
  const total = useCasesStore((s) => s.total);
  const lowerBound = useCasesStore((s) => s.totalIsLowerBound);
  const searchKind = useCasesStore((s) => s.searchKind);
  const count = lowerBound ? `${total}+` : total;
  let text: string;
  if (filters.q && searchKind) text = t('cases.caption.search', { kind: t(`cases.searchKinds.${searchKind}`), count });
  else if (filters.from || filters.to) text = t('cases.caption.range', { count });
  else if (filters.deptStatus)
    text = t('cases.caption.unsent', { state: t('cases.caption.supplementRequested'), count });
  else if (filters.syncState && filters.syncState !== 'delivered')
    text = t('cases.caption.unsent', { state: t(`cases.syncStates.${filters.syncState}`), count });
  else text = t('cases.caption.today', { date: chinaDate(new Date()), count });
  return (
    <Typography.Paragraph className="list-caption" role="status">
      {text}
    </Typography.Paragraph>
  );
}

/** 办件查询: today's cases by default, filters and one search box; a case opens in the detail drawer. */
export function CasesPage() {
  const { t } = useTranslation();
  const role = useAuthStore((s) => s.session?.user.role);
  const rows = useCasesStore((s) => s.rows);
  const total = useCasesStore((s) => s.total);
  const page = useCasesStore((s) => s.page);
  const filters = useCasesStore((s) => s.filters);
  const loading = useCasesStore((s) => s.loading);
  const loadError = useCasesStore((s) => s.loadError);
  const search = useCasesStore((s) => s.search);
  const takeOpeningFilters = useCasesStore((s) => s.takeOpeningFilters);
  const [opening] = useState(takeOpeningFilters);
  const loadClerks = useCasesStore((s) => s.loadClerks);
  const openDetail = useCasesStore((s) => s.openDetail);
  const loadCatalogue = useCatalogueStore((s) => s.load);
  const columns = useCaseColumns((row) => void openDetail(row.caseId));
  const supervising = role === 'supervisor' || role === 'admin';

  useEffect(() => {
    void search(opening);
    void loadCatalogue();
  }, [search, loadCatalogue, opening]);
  useEffect(() => {
    if (supervising) void loadClerks();
  }, [supervising, loadClerks]);

  return (
    <Card title={t('cases.title')}>
      <CaseFilterBar showClerk={supervising} initial={opening} onSearch={(f) => void search(f)} />
      {loadError && (
        <Alert
          type="error"
          showIcon
          title={t('cases.loadFailed')}
          description={errorMessage(loadError)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Caption />
      <Table<CaseSummary>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 1060 }}
        onRow={(row) => ({ onDoubleClick: () => void openDetail(row.caseId) })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => void search(filters, p),
        }}
      />
      <CaseDetailDrawer />
    </Card>
  );
}
