import { useEffect, useRef } from 'react';

/**
 * A filter that takes several values, as the API's list parameters do: a disclosure whose summary
 * names what is chosen, with one checkbox per value. `values` travel as one comma-separated
 * parameter, so the address keeps the whole view.
 */
export function MultiSelect({ name, label, options, chosen, onChange }: {
  name: string;
  label: string;
  options: ReadonlyArray<string | [string, string]>;
  chosen: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  // Closes on a click elsewhere, as a select would.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (details.current && !details.current.contains(event.target as Node)) details.current.open = false;
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
  const entries = options.map((option) => (typeof option === 'string' ? [option, option] : option));
  const textOf = (value: string) => entries.find(([key]) => key === value)?.[1] ?? value;
  const toggle = (value: string) => onChange(chosen.includes(value) ? chosen.filter((item) => item !== value) : [...chosen, value]);
  return (
    <details className="multi" ref={details} data-testid={`filter-${name}`}>
      <summary aria-label={`${label}: ${chosen.length ? chosen.map(textOf).join(', ') : 'any'}`}>
        <span className="multi-label">{label}</span>
        <span className="multi-value">{chosen.length ? chosen.map(textOf).join(', ') : 'any'}</span>
      </summary>
      <fieldset>
        <legend className="sr-only">{label}</legend>
        {entries.map(([value, text]) => (
          <label key={value}>
            <input type="checkbox" name={name} value={value} checked={chosen.includes(value)} onChange={() => toggle(value)} /> {text}
          </label>
        ))}
        {chosen.length > 0 && (
          <button type="button" className="secondary" onClick={() => onChange([])}>Any {label.toLowerCase()}</button>
        )}
      </fieldset>
    </details>
  );
}
