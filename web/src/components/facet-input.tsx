// A search filter that completes what one types from the directory's values
// (GET /api/v1/facets/{facet}?q=): "Equi" offers Equinor, "Norge" offers Norway. An ARIA
// combobox: the list opens as one types, ↑/↓ move through it, Enter or a click takes a
// value, Escape closes it; what is typed is kept when nothing is taken.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, query } from '../api';
import type { FacetValue, TypeAheadFacet } from '../find-api';
import { useApp } from '../state';

const DELAY_MS = 150;

interface Props {
  facet: TypeAheadFacet;
  id: string;
  value: string;
  onInput: (value: string) => void;
}

export function FacetInput({ facet, id, value, onInput }: Props) {
  const { t, n, lang } = useApp();
  const [options, setOptions] = useState<FacetValue[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef<string | null>(null); // What the member typed last; null: nothing since the last choice.
  const input = useRef<HTMLInputElement>(null);
  const listId = `${id}-options`;

  useEffect(() => {
    const text = typed.current;
    if (text === null || !text.trim()) {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      get<{ values: FacetValue[] }>(`/api/v1/facets/${facet}${query({ q: text.trim(), limit: 8, lang })}`).then(
        (answer) => {
          if (!live) return;
          setOptions(answer.values ?? []);
          setActive(-1);
          // A late answer for a field the member has left opens no list.
          setOpen(document.activeElement === input.current);
        },
        () => live && setOptions([]),
      );
    }, DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, facet, lang]);

  function choose(option: FacetValue) {
    typed.current = null;
    onInput(option.display);
    setOpen(false);
    setOptions([]);
  }

  const shown = open && options.length > 0;
  return (
    <div class="facet-input">
      <input
        ref={input}
        id={id}
        name={facet}
        value={value}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        onInput={(e) => {
          typed.current = e.currentTarget.value;
          onInput(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (!shown) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((active + 1) % options.length);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((active - 1 + options.length) % options.length);
          } else if (e.key === 'Enter' && active >= 0) {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" class="facet-options" hidden={!shown} aria-label={t(`search.facet.${facet}`)}>
        {options.map((option, index) => (
          <li
            key={option.value}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            class={index === active ? 'active' : ''}
            onMouseDown={(e) => {
              e.preventDefault(); // Keeps the focus in the field.
              choose(option);
            }}
          >
            <span>{option.display}</span>
            <span class="count" aria-label={t('find.members', { count: option.members })}>
              {n(option.members)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
