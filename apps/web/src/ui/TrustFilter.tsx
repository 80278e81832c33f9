// The "Trust" filter of the lists, shown to programme roles only (a trust's people see their own trust).
import { useApp } from '../auth/context';
import { Field, Select } from './components';

export function TrustFilter({ value, onChange }: { value: string; onChange: (trustId: string) => void }) {
  const { actor, trusts } = useApp();
  if (actor.trustId !== null) return null;
  return (
    <Field label="Trust">
      {(props) => (
        <Select
          {...props}
          value={value}
          onChange={onChange}
          empty="All trusts"
          options={trusts.map((t) => ({ value: t.id, label: t.code }))}
        />
      )}
    </Field>
  );
}
