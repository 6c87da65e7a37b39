import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Col, Empty, Form, Input, Row, Tag, Tooltip } from 'antd';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';
import { errorMessage } from '../../../i18n/errors';
import { matchMatters, useCatalogueStore } from '../catalogue-store';
import { DraftList } from '../DraftList';
import { STEP } from '../model';
import { useIntakeStore } from '../wizard-store';

/** One choice in the result list: a matter (then 选择情形), or one of its situations (straight to 申请人信息). */
type Choice = { matter: Matter; situation?: Situation };

/** The results as one list for the arrow keys: each matter followed by its situations when it has several. */
function choicesOf(matters: Matter[]): Choice[] {
  return matters.flatMap((matter) => [
    { matter },
    ...(matter.situations.length > 1 ? matter.situations.map((situation) => ({ matter, situation })) : []),
  ]);
}

/** A situation of a result, chosen in one step with its matter. */
function SituationChip({
  choice,
  index,
  active,
  onPick,
  onHover,
}: {
  choice: Required<Choice>;
  index: number;
  active: boolean;
  onPick(): void;
  onHover(): void;
}) {
  return (
    <span
      role="option"
      id={`matter-option-${index}`}
      aria-selected={active}
      aria-label={`${choice.matter.name} · ${choice.situation.name}`}
      className={`situation-chip${active ? ' situation-chip--active' : ''}`}
      onClick={onPick}
      onMouseEnter={onHover}
    >
      {choice.situation.name}
    </span>
  );
}

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
  const pickSituation = useIntakeStore((s) => s.pickSituation);
  const update = useIntakeStore((s) => s.update);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matters = useMemo(
    () => (catalogue && searchIndex ? matchMatters(catalogue, searchIndex, query) : []),
    [catalogue, searchIndex, query],
  );

  const choices = useMemo(() => choicesOf(matters), [matters]);

  const pick = async (choice: Choice | undefined) => {
    if (!choice) return;
    const result = await pickMatter(choice.matter);
    if (!result.ok) return void message.error(errorMessage(result.error));
    if (choice.situation) {
      pickSituation(choice.situation);
      update({ step: STEP.applicant });
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(choices.length - 1, 0)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void pick(choices[active]);
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
              aria-activedescendant={choices.length ? `matter-option-${active}` : undefined}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              data-shortcut="matter-search"
            />
          </Form.Item>
        </Form>
        <div role="listbox" id="matter-results" aria-label={t('intake.matter.results')} className="matter-list">
          {catalogue && matters.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.matter.none')} />
          )}
          {!catalogue && !loadError && <div className="matter-list__loading">{t('intake.matter.loading')}</div>}
          {choices.map((choice, index) =>
            choice.situation ? null : (
              <div key={choice.matter.code} className="matter-result">
                <MatterOption
                  matter={choice.matter}
                  index={index}
                  active={index === active}
                  chosen={choice.matter.code === chosen}
                  onPick={() => void pick(choice)}
                  onHover={() => setActive(index)}
                />
                {choice.matter.situations.length > 1 && (
                  <div role="group" aria-label={choice.matter.name} className="situation-chips">
                    {choice.matter.situations.map((situation, offset) => (
                      <SituationChip
                        key={situation.code}
                        choice={{ matter: choice.matter, situation }}
                        index={index + 1 + offset}
                        active={index + 1 + offset === active}
                        onPick={() => void pick({ matter: choice.matter, situation })}
                        onHover={() => setActive(index + 1 + offset)}
                      />
                    ))}
                  </div>
                )}
              </div>
            ),
          )}
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
