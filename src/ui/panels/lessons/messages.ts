/**
 * The lessons panel's words in English and Chinese (the lesson texts themselves carry both
 * languages in src/lessons). Every key exists in both languages, checked by the compiler.
 */
import { useCallback } from 'react';
import type { Lang } from '../../../lessons/types';
import { useLang } from '../../state/ui-store';

const en = {
  'panel.label': 'Lessons',
  'panel.hide': 'Hide lessons',
  'panel.show': 'Lessons',
  'split.label': 'Resize the lessons and the playground',
  'list.title': 'Guided lessons',
  'list.intro': 'Each lesson gives you a fresh cluster and walks you through real kubectl commands. Steps complete by themselves when the cluster reaches the state they ask for.',
  'welcome.title': 'New to Kubernetes?',
  'welcome.text': 'Start with lesson 1: a tour of the cluster in four commands.',
  'welcome.start': 'Start lesson 1',
  'list.start': 'Start',
  'list.continue': 'Continue',
  'list.again': 'Again',
  'list.notStarted': 'not started',
  'list.progress': '{done}/{total} steps',
  'list.finished': 'finished',
  'confirm.replace': 'Starting a lesson replaces the cluster with a fresh one. The objects you created are lost. Go on?',
  'confirm.reset': 'Reset this lesson? The cluster is replaced with a fresh one and the lesson starts over.',
  'lesson.back': 'All lessons',
  'lesson.number': 'Lesson {n}',
  'lesson.step': 'Step {n} of {total}',
  'lesson.setup': 'Prepared in the terminal:',
  'lesson.gettingReady': 'The cluster is getting ready (about {s} simulated seconds)…',
  'lesson.showMe': 'Show me',
  'lesson.hideHint': 'Hide',
  'lesson.runIt': 'Run it',
  'lesson.runItTitle': 'Type these commands into the terminal and run them',
  'lesson.hint': 'The command:',
  'lesson.hints': 'The commands:',
  'lesson.file': 'The file {file} is open in the YAML editor.',
  'lesson.openFile': 'Open {file}',
  'lesson.waiting': 'This step completes by itself when the cluster gets there.',
  'lesson.slow': 'The cluster needs about {s} simulated seconds for this: speed time up with the controls above.',
  'lesson.done': 'Done!',
  'lesson.next': 'Next',
  'lesson.skip': 'Skip',
  'lesson.uncheckable': 'This step cannot be checked in the browser: go on when you are ready.',
  'lesson.reset': 'Reset lesson',
  'lesson.recap': 'What you learned',
  'lesson.finished': 'Lesson complete',
  'lesson.nextLesson': 'Next lesson: {title}',
  'chip.type': 'Type into the terminal',
  'chip.open': 'Open in the editor',
  'progress.label': 'Lesson progress',
} as const;

export type LessonMessageKey = keyof typeof en;

const zh: Record<LessonMessageKey, string> = {
  'panel.label': '课程',
  'panel.hide': '隐藏课程',
  'panel.show': '课程',
  'split.label': '调整课程和练习区的大小',
  'list.title': '引导式课程',
  'list.intro': '每节课都会给你一个全新的集群，带你一步步运行真实的 kubectl 命令。当集群达到步骤要求的状态时，该步骤会自动完成。',
  'welcome.title': '第一次接触 Kubernetes？',
  'welcome.text': '从第 1 课开始：用四条命令浏览整个集群。',
  'welcome.start': '开始第 1 课',
  'list.start': '开始',
  'list.continue': '继续',
  'list.again': '再学一次',
  'list.notStarted': '未开始',
  'list.progress': '{done}/{total} 步',
  'list.finished': '已完成',
  'confirm.replace': '开始课程会用一个全新的集群替换当前集群，你创建的对象都会丢失。继续吗？',
  'confirm.reset': '重置这节课？集群会被替换为全新的集群，课程从头开始。',
  'lesson.back': '全部课程',
  'lesson.number': '第 {n} 课',
  'lesson.step': '第 {n} 步，共 {total} 步',
  'lesson.setup': '已在终端中准备：',
  'lesson.gettingReady': '集群正在准备中（大约需要 {s} 秒模拟时间）…',
  'lesson.showMe': '给我看看',
  'lesson.hideHint': '隐藏',
  'lesson.runIt': '运行',
  'lesson.runItTitle': '把这些命令输入终端并运行',
  'lesson.hint': '命令：',
  'lesson.hints': '命令：',
  'lesson.file': '文件 {file} 已在 YAML 编辑器中打开。',
  'lesson.openFile': '打开 {file}',
  'lesson.waiting': '当集群达到要求的状态时，这一步会自动完成。',
  'lesson.slow': '集群大约需要 {s} 秒模拟时间：可以用上方的控制栏加快时间。',
  'lesson.done': '完成！',
  'lesson.next': '下一步',
  'lesson.skip': '跳过',
  'lesson.uncheckable': '这一步无法在浏览器中检查：准备好后请继续。',
  'lesson.reset': '重置课程',
  'lesson.recap': '你学到了什么',
  'lesson.finished': '课程完成',
  'lesson.nextLesson': '下一课：{title}',
  'chip.type': '输入到终端',
  'chip.open': '在编辑器中打开',
  'progress.label': '课程进度',
};

const MESSAGES: Record<Lang, Record<LessonMessageKey, string>> = { en, zh };

export function formatLesson(lang: Lang, key: LessonMessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** `const t = useLessonsT(); t('lesson.next')`: the panel's words in the current language. */
export function useLessonsT(): (key: LessonMessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return useCallback((key, vars) => formatLesson(lang, key, vars), [lang]);
}
