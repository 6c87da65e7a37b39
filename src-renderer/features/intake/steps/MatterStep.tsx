import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Col, Empty, Form, Input, Row, Tag, Tooltip } from 'antd';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter } from '@tongban/protocol/catalogue/schema';
import { errorMessage } from '../../../i18n/errors';
import { matchMatters, useCatalogueStore } from '../catalogue-store';
import { DraftList } from '../DraftList';
import { useIntakeStore } from '../wizard-store';

/** One matter in the result list: name, department, code, how many situations, and whether it is verified. */
function MatterOption({
  matter,
  index,
  active,
  chosen,
  onPick,
  onHover,
}: {
  matter: Matter;
  index: number;
  active: boolean;
  chosen: boolean;
  onPick(): void;
  onHover(): void;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="option"
      id={`matter-option-${index}`}
      aria-selected={active}
      className={`matter-option${chosen ? ' matter-option--chosen' : ''}`}
      onClick={onPick}
      onMouseEnter={onHover}
    >
      <div className="matter-option__name">
        {matter.name}
        {matter.shortName && <span className="matter-option__short">{matter.shortName}</span>}
        {!matter.verified && (
          <Tooltip title={matter.verificationNote}>
            <Tag color="orange" variant="outlined" style={{ marginInlineStart: 8 }}>
              {t('intake.matter.unverified')}
            </Tag>
          </Tooltip>
        )}
      </div>
      <div className="matter-option__meta">
        <Tag color="blue">{matter.department}</Tag>
        <span className="mono">{matter.code}</span>
        <span>{t('intake.matter.situations', { count: matter.situations.length })}</span>
      </div>
    </div>
  );
}

/** 选择事项: instant search by name, code or pinyin initials (`sbk` → 社会保障卡申领), with the unfinished drafts beside it. */
export function MatterStep() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const searchIndex = useCatalogueStore((s) => s.searchIndex);
  const loadError = useCatalogueStore((s) => s.loadError);
  const chosen = useIntakeStore((s) => s.wizard.data.matterCode);
  const pickMatter = useIntakeStore((s) => s.pickMatter);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matters = useMemo(
    () => (catalogue && searchIndex ? matchMatters(catalogue, searchIndex, query) : []),
    [catalogue, searchIndex, query],
  );

  const pick = async (matter: Matter | undefined) => {
    if (!matter) return;
    const result = await pickMatter(matter);
    if (!result.ok) void message.error(errorMessage(result.error));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(matters.length - 1, 0)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void pick(matters[active]);
    }
  };

  return (
    <Row gutter={24}>
      <Col span={15}>
        {loadError && (
          <Alert
            type="error"
            showIcon
            title={t('intake.matter.loadFailed')}
            description={errorMessage(loadError)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form layout="vertical" component="div">
          <Form.Item label={t('intake.matter.search')} htmlFor="matter-search" style={{ marginBottom: 12 }}>
            <Input
              id="matter-search"
              size="large"
              autoFocus
              allowClear
              autoComplete="off"
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t('intake.matter.placeholder')}
              value={query}
              role="combobox"
              aria-expanded
              aria-controls="matter-results"
              aria-activedescendant={matters.length ? `matter-option-${active}` : undefined}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
            />
          </Form.Item>
        </Form>
        <div role="listbox" id="matter-results" aria-label={t('intake.matter.results')} className="matter-list">
          {catalogue && matters.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.matter.none')} />
          )}
          {!catalogue && !loadError && <div className="matter-list__loading">{t('intake.matter.loading')}</div>}
          {matters.map((matter, index) => (
            <MatterOption
              key={matter.code}
              matter={matter}
              index={index}
              active={index === active}
              chosen={matter.code === chosen}
              onPick={() => void pick(matter)}
              onHover={() => setActive(index)}
            />
          ))}
        </div>
        {matters.length > 0 && (
          <div className="matter-list__hint">{t('intake.matter.keys', { count: matters.length })}</div>
        )}
      </Col>
      <Col span={9}>
        <DraftList />
      </Col>
    </Row>
  );
}
