/** Types the explanations use, from the worker protocol and the UI's i18n. */
export type { Hint, TerminalHint } from '../../engine-client/protocol';
export type { Lang } from '../../i18n/messages';
