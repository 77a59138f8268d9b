/**
 * zustand store of view state: what is selected, which tabs are open, where the separators
 * are, the language, the topology filters. Layout preferences survive reloads (localStorage);
 * the cluster itself is persisted by the engine worker.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { detectLanguage, type Lang } from '../i18n/messages';

/** Something in the cluster the learner clicked. */
export interface Selection {
  kind: string;
  /** `namespace/name`, or `name` for cluster-scoped kinds. */
  key: string;
}

export type RightTab = 'terminal' | 'editor';
export type BottomTab = 'events' | 'inspector' | 'controlPlane';

export interface UiState {
  /** The language the learner chose; undefined follows the browser. */
  langChoice?: Lang;
  selection?: Selection;
  rightTab: RightTab;
  bottomTab: BottomTab;
  /** The editor tab was opened once: Monaco is loaded and stays mounted. */
  editorOpened: boolean;
  /** The file the editor shows (absolute path in the shell's file system). */
  editorPath?: string;
  splits: Record<string, number>;
  /** Topology filters: a namespace ('' = all) and a label selector text. */
  namespace: string;
  labelFilter: string;
  /** The time-travel bar is shown. */
  timelineOpen: boolean;
  setTimelineOpen(open: boolean): void;
  setLang(lang: Lang): void;
  select(sel: Selection | undefined): void;
  setRightTab(tab: RightTab): void;
  openInEditor(path: string): void;
  setBottomTab(tab: BottomTab): void;
  setSplit(id: string, fraction: number): void;
  setNamespace(ns: string): void;
  setLabelFilter(text: string): void;
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      langChoice: undefined,
      selection: undefined,
      rightTab: 'terminal',
      bottomTab: 'events',
      editorOpened: false,
      editorPath: undefined,
      splits: {},
      namespace: '',
      labelFilter: '',
      timelineOpen: false,
      setTimelineOpen: (timelineOpen) => set({ timelineOpen }),
      setLang: (langChoice) => set({ langChoice }),
      select: (selection) => set(selection ? { selection, bottomTab: 'inspector' } : { selection }),
      setRightTab: (rightTab) => set(rightTab === 'editor' ? { rightTab, editorOpened: true } : { rightTab }),
      openInEditor: (editorPath) => set({ editorPath, rightTab: 'editor', editorOpened: true }),
      setBottomTab: (bottomTab) => set({ bottomTab }),
      setSplit: (id, fraction) => set((s) => ({ splits: { ...s.splits, [id]: fraction } })),
      setNamespace: (namespace) => set({ namespace }),
      setLabelFilter: (labelFilter) => set({ labelFilter }),
    }),
    {
      name: 'kubeplay-ui',
      version: 1,
      partialize: (s) => ({ langChoice: s.langChoice, splits: s.splits }),
    },
  ),
);

/** The language shown: the learner's choice, else the browser's. */
export function useLang(): Lang {
  const choice = useUi((s) => s.langChoice);
  return choice ?? detectLanguage(browserLanguages());
}
