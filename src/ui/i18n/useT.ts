/** `const t = useT(); t('controls.play')`: the UI's words in the current language. */
import { useCallback } from 'react';
import { useLang } from '../state/ui-store';
import { format, type MessageKey } from './messages';

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return useCallback((key, vars) => format(lang, key, vars), [lang]);
}
