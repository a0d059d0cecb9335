// A text field with suggestions as one types (the WAI-ARIA combobox pattern): arrow keys
// move through the list, Enter picks, Escape closes; what is typed stays free text until
// a suggestion is picked. Suggestions come from `suggest`, at most one request at a time
// in flight per pause in typing; a failed request (a server without the route) just
// offers nothing.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Suggestion<T> {
  key: string;
  label: string;
  note?: string; // Said after the label, muted ("Oslo · 120 members").
  value: T;
}

export function TypeAhead<T>({
  id,
  value,
  onText,
  onPick,
  suggest,
  extra,
  invalid,
  describedBy,
  testid,
}: {
  id: string;
  value: string;
  onText: (text: string) => void;
  onPick: (suggestion: Suggestion<T>) => void;
  suggest: (text: string) => Promise<Suggestion<T>[]>;
  // An option after the suggestions for what is typed ("Create “X”"), or null.
  extra?: (text: string, suggestions: Suggestion<T>[]) => Suggestion<T> | null;
  invalid?: boolean;
  describedBy?: string;
  testid?: string;
}) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Suggestion<T>[]>([]);
  const [active, setActive] = useState(-1);
  const [typed, setTyped] = useState<string | null>(null); // Text typed since the last pick.
  const latest = useRef(0);

  useEffect(() => {
    if (typed === null || !typed.trim()) {
      setItems([]);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      suggest(typed.trim()).then(
        (found) => ticket === latest.current && setItems(found),
        () => ticket === latest.current && setItems([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [typed]);

  const more = typed !== null && typed.trim() && extra ? extra(typed.trim(), items) : null;
  const options = more ? [...items, more] : items;
  const shown = open && options.length > 0;
  const listId = `${id}-list`;

  function pick(option: Suggestion<T>) {
    onPick(option);
    setTyped(null);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (options.length === 0 ? -1 : (index + 1) % options.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => (options.length === 0 ? -1 : (index - 1 + options.length) % options.length));
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      setOpen(false);
    }
  }

  return (
    <div class="typeahead">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-testid={testid}
        value={value}
        onInput={(event) => {
          const text = event.currentTarget.value;
          onText(text);
          setTyped(text);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" class="typeahead-list" hidden={!shown}>
        {options.map((option, index) => (
          <li
            key={option.key}
            id={`${id}-opt-${index}`}
            role="option"
            aria-selected={index === active}
            class={index === active ? 'active' : ''}
            // Before the input's blur, so that the click lands.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
          >
            <span>{option.label}</span>
            {option.note && <span class="muted small"> · {option.note}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
