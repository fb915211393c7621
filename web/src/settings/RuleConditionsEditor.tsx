import { useI18n } from '../i18n/I18nProvider.js';
import { CONDITION_FIELDS, type ConditionForm, type ConditionGroup, type ConditionRow, isGroup, type Joiner, operatorsOf } from './rule-form.js';

export const emptyCondition = (): ConditionRow => ({ field: 'text', op: 'contains', value: '' });

interface RowProps {
  row: ConditionRow;
  onChange(row: ConditionRow): void;
  onRemove(): void;
}

function ConditionRowEditor({ row, onChange, onRemove }: RowProps) {
  const { t } = useI18n();
  return (
    <div className="row">
      <select aria-label={t('rules.field')} value={row.field} onChange={(e) => {
        const field = e.target.value as ConditionRow['field'];
        onChange({ field, op: operatorsOf(field)[0] ?? 'eq', value: row.value });
      }}>{CONDITION_FIELDS.map((f) => <option key={f} value={f}>{t(`rules.field.${f}`)}</option>)}</select>
      <select aria-label={t('rules.operator')} value={row.op} onChange={(e) => onChange({ ...row, op: e.target.value })}>
        {operatorsOf(row.field).map((op) => <option key={op} value={op}>{t(`rules.op.${op}`)}</option>)}
      </select>
      <input aria-label={t('rules.value')} value={row.value} onChange={(e) => onChange({ ...row, value: e.target.value })} data-testid="rule-condition-value" />
      <button type="button" onClick={onRemove}>{t('common.delete')}</button>
    </div>
  );
}

function JoinSelect({ value, onChange, testId }: { value: Joiner; onChange(join: Joiner): void; testId: string }) {
  const { t } = useI18n();
  return (
    <label className="field"><span>{t('rules.joinLabel')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value === 'any' ? 'any' : 'all')} data-testid={testId}>
        <option value="all">{t('rules.join.all')}</option>
        <option value="any">{t('rules.join.any')}</option>
      </select>
    </label>
  );
}

const replaced = <T,>(list: readonly T[], index: number, item: T): T[] => list.map((x, j) => (j === index ? item : x));
const without = <T,>(list: readonly T[], index: number): T[] => list.filter((_, j) => j !== index);

/** The rule's conditions: a list joined by "all" or "any", holding conditions and groups of conditions with their own joiner. */
export function RuleConditionsEditor({ value, onChange }: { value: ConditionForm; onChange(form: ConditionForm): void }) {
  const { t } = useI18n();
  const setItems = (items: ConditionForm['items']) => onChange({ ...value, items });
  const setGroup = (index: number, group: ConditionGroup) => setItems(replaced(value.items, index, group));
  return (
    <fieldset>
      <legend>{t('rules.conditions')}</legend>
      <JoinSelect value={value.join} onChange={(join) => onChange({ ...value, join })} testId="rule-join" />
      {value.items.map((item, i) =>
        isGroup(item) ? (
          <fieldset key={i} className="rule-group" data-testid="rule-group">
            <legend>{t('rules.group')}</legend>
            <JoinSelect value={item.join} onChange={(join) => setGroup(i, { ...item, join })} testId="rule-group-join" />
            {item.rows.map((row, k) => (
              <ConditionRowEditor key={k} row={row} onChange={(r) => setGroup(i, { ...item, rows: replaced(item.rows, k, r) })} onRemove={() => setGroup(i, { ...item, rows: without(item.rows, k) })} />
            ))}
            <div className="row">
              <button type="button" onClick={() => setGroup(i, { ...item, rows: [...item.rows, emptyCondition()] })} data-testid="rule-group-add-condition">{t('rules.addCondition')}</button>
              <button type="button" onClick={() => setItems(without(value.items, i))}>{t('rules.removeGroup')}</button>
            </div>
          </fieldset>
        ) : (
          <ConditionRowEditor key={i} row={item} onChange={(r) => setItems(replaced(value.items, i, r))} onRemove={() => setItems(without(value.items, i))} />
        ),
      )}
      <div className="row">
        <button type="button" onClick={() => setItems([...value.items, emptyCondition()])}>{t('rules.addCondition')}</button>
        <button type="button" onClick={() => setItems([...value.items, { join: 'any', rows: [emptyCondition()] }])} data-testid="rule-add-group">{t('rules.addGroup')}</button>
      </div>
      <p className="muted small">{t('rules.conditionHint')}</p>
    </fieldset>
  );
}
