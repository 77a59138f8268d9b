/** The colour legend of pod statuses. */
import { useT } from '../../i18n/useT';
import { CATEGORIES, CATEGORY_COLOUR } from './status';

export function Legend() {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('topology.legend')}>
      {CATEGORIES.map((c) => (
        <li key={c}>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="5" fill={CATEGORY_COLOUR[c]} />
          </svg>
          {t(`legend.${c}`)}
        </li>
      ))}
    </ul>
  );
}
