/** Shows the share link of the learner's scenario, ready to copy. Lazy-loaded. */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT';
import { encodeScenario, type Scenario } from './share-code';

export default function ShareLinkDialog({ scenario, onClose }: { scenario: Scenario; onClose: () => void }) {
  const t = useT();
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void encodeScenario(scenario).then((fragment) => setLink(location.href.split('#')[0] + fragment));
  }, [scenario]);
  const empty = scenario.manifests.trim() === '' && !scenario.lesson;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share-dialog">
        <h2 id="share-title">{t('share.title')}</h2>
        {empty ? (
          <p>{t('share.empty')}</p>
        ) : (
          <>
            <p className="muted">{t('share.explain')}</p>
            <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} aria-label={t('share.title')} data-testid="share-link" />
          </>
        )}
        <div className="modal-actions">
          {!empty && (
            <button
              type="button"
              className="primary"
              disabled={!link}
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? t('share.copied') : t('share.copy')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('share.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
