import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { hallSchema } from '@common/hall';
import { schemaRule } from './rules';

const hallField = hallSchema.shape;

/**
 * The hall's name, division code, window number and window code, checked by the same schema as main. The setup
 * screen adds its placeholder and the division-code hint (it derives the window code from them).
 */
export function HallFields({ setup = false }: { setup?: boolean }) {
  const { t } = useTranslation();
  const spans = setup ? [8, 6, 10] : [8, 8, 8];
  const name = (
    <Form.Item label={t('setup.hallName')} name={['hall', 'name']} rules={[schemaRule(hallField.name)]} required>
      <Input placeholder={setup ? t('setup.hallNamePlaceholder') : undefined} />
    </Form.Item>
  );
  return (
    <>
      {setup ? (
        name
      ) : (
        <Row gutter={16}>
          <Col span={24}>{name}</Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col span={spans[0]}>
          <Form.Item
            label={t('setup.divisionCode')}
            name={['hall', 'divisionCode']}
            rules={[schemaRule(hallField.divisionCode)]}
            extra={setup ? t('setup.divisionCodeHelp') : undefined}
            required
          >
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col span={spans[1]}>
          <Form.Item
            label={t('setup.windowNo')}
            name={['hall', 'windowNo']}
            rules={[schemaRule(hallField.windowNo)]}
            required
          >
            <Input maxLength={8} />
          </Form.Item>
        </Col>
        <Col span={spans[2]}>
          <Form.Item
            label={t('setup.windowCode')}
            name={['hall', 'windowCode']}
            rules={[schemaRule(hallField.windowCode)]}
            extra={t('setup.windowCodeHelp')}
            required
          >
            <Input maxLength={10} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
