/**
 * Data sources of `create configmap` and `create secret generic`
 * (k8s.io/kubectl/pkg/util: ParseFileSource, ParseLiteralSource; cmd/util/env_file.go), read
 * from the shell's file system.
 */
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { base64Encode, utf8Encode } from '../../../core/base64';

/** ParseLiteralSource: `key=value`, split at the first `=`. */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf('=');
  if (i <= 0) throw new CmdError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** ParseFileSource: `[key=]path`. */
export function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [source.replace(/\/+$/, '').split('/').pop() || source, source];
  if (n === 1 && source.startsWith('=')) throw new CmdError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new CmdError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new CmdError("key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return [key, path];
}

/** The [key, content] pairs of `--from-file` sources (a directory gives its files). */
export function readFileSources(k: Kctx, sources: string[]): [string, string][] {
  const fs = k.proc.fs;
  const out: [string, string][] = [];
  for (const src of sources) {
    const [key, path] = parseFileSource(src);
    const abs = fs.resolve(path);
    if (fs.isDir(abs)) {
      if (src.includes('=')) throw new CmdError('cannot give a key name for a directory path');
      for (const f of fs.list(abs)) {
        if (fs.isDir(f)) continue;
        out.push([f.split('/').pop()!, fs.read(f) ?? '']);
      }
      continue;
    }
    const content = fs.read(abs);
    if (content === undefined) throw new CmdError(`error reading ${path}: no such file or directory`);
    out.push([key, content]);
  }
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
export const ENV_NAME_ERROR =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** AddFromEnvFile: `KEY=value` lines; blank lines and `#` comments skipped. */
export function readEnvFileSources(k: Kctx, sources: string[], dirError: string): [string, string][] {
  const fs = k.proc.fs;
  const out: [string, string][] = [];
  for (const src of sources) {
    const abs = fs.resolve(src);
    if (fs.isDir(abs)) throw new CmdError(dirError);
    const content = fs.read(abs);
    if (content === undefined) throw new CmdError(`error reading ${src}: no such file or directory`);
    const lines = content.split('\n');
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i].replace(/\r$/, '');
      if (i === 0) line = line.replace(/^\uFEFF/, '');
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) throw new CmdError(`${JSON.stringify(key)} is not a valid key name: ${ENV_NAME_ERROR}`);
      out.push([key, eq < 0 ? (k.proc.env[key] ?? '') : line.slice(eq + 1)]);
    }
  }
  return out;
}

/** Standard base64 of the UTF-8 encoding of a string (Secret data). */
export function base64(text: string): string {
  return base64Encode(text);
}

/** The UTF-8 bytes of a string. */
export const utf8 = utf8Encode;
