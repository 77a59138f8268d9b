import { describe, expect, it } from 'vitest';
import { Shell, runToCompletion, sleepSeconds, formatDate, type Effect } from './shell';
import { MemDir } from './container-env';

function host(files = new MemDir()) {
  return {
    env: new Map([['HOME', '/root'], ['NAME', 'world']]),
    now: () => Date.UTC(2026, 10, 26, 9, 5, 1),
    hostname: 'web',
    readFile: (p: string) => files.read(p),
    writeFile: (p: string, c: string, a: boolean) => files.write(p, c, a),
    removeFile: (p: string) => files.remove(p),
    isDir: (p: string) => files.list(p) !== undefined,
    mkdir: (p: string) => void files.write(`${p}/.dir`, '', false),
    listDir: (p: string) => files.list(p),
    traps: new Map<string, string>(),
  };
}

function run(script: string): { out: string; err: string; code: number } {
  const r = runToCompletion(new Shell(host()).run(script));
  return { out: r.out, err: r.err, code: r.code };
}

/** Output and sleeps in order, as the kubelet sees them. */
function trace(script: string, max = 20): string[] {
  const gen = new Shell(host()).run(script);
  const out: string[] = [];
  for (let i = 0; i < max; i++) {
    const r = gen.next();
    if (r.done) {
      out.push(`exit ${r.value}`);
      break;
    }
    const e: Effect = r.value;
    out.push(e.t === 'sleep' ? `sleep ${e.sec}` : `${e.t} ${JSON.stringify(e.s)}`);
  }
  return out;
}

describe('shell interpreter', () => {
  it.each([
    ['echo hello world', 'hello world\n', 0],
    ['echo -n a; echo b', 'ab\n', 0],
    ['echo "Hello, $NAME"', 'Hello, world\n', 0],
    ["echo 'no $NAME'", 'no $NAME\n', 0],
    ['true && echo yes || echo no', 'yes\n', 0],
    ['false && echo yes || echo no', 'no\n', 0],
    ['exit 3', '', 3],
    ['i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n', 0],
    ['for x in a b c; do echo "item $x"; done', 'item a\nitem b\nitem c\n', 0],
    ['if [ -f /nope ]; then echo yes; else echo no; fi', 'no\n', 0],
    ['echo hi > /tmp/f; cat /tmp/f; echo more >> /tmp/f; cat /tmp/f', 'hi\nhi\nmore\n', 0],
    ['echo $(hostname)-$((6*7))', 'web-42\n', 0],
    ['date', 'Thu Nov 26 09:05:01 UTC 2026\n', 0],
    ['printf "%s=%d\\n" a 5', 'a=5\n', 0],
    ['seq 3 | wc -l', '3\n', 0],
    ['echo a b c | tr a-z A-Z', 'A B C\n', 0],
    ['printenv NAME', 'world\n', 0],
  ])('runs %s', (script, out, code) => {
    expect(run(script)).toMatchObject({ out, code });
  });

  it('reports errors as busybox sh does', () => {
    expect(run('cat /tmp/healthy')).toEqual({ out: '', err: "cat: can't open '/tmp/healthy': No such file or directory\n", code: 1 });
    expect(run('nosuchcmd')).toEqual({ out: '', err: 'sh: nosuchcmd: not found\n', code: 127 });
    expect(run('if true; then echo')).toMatchObject({ code: 2 });
    expect(run('sleep abc')).toEqual({ out: '', err: "sleep: invalid number 'abc'\n", code: 1 });
  });

  it('yields sleeps between outputs so loops run on the clock', () => {
    expect(trace('while true; do date +%T; sleep 5; done', 4)).toEqual(['out "09:05:01\\n"', 'sleep 5', 'out "09:05:01\\n"', 'sleep 5']);
    expect(trace('echo start; sleep 2; echo end; exit 1')).toEqual(['out "start\\n"', 'sleep 2', 'out "end\\n"', 'exit 1']);
  });

  it.each([
    ['5', 5],
    ['0.5', 0.5],
    ['2m', 120],
    ['1h', 3600],
    ['infinity', Infinity],
    ['x', NaN],
  ])('reads sleep %s as %s seconds', (arg, sec) => {
    expect(sleepSeconds(arg)).toBe(sec);
  });

  it('formats date +FORMAT', () => {
    expect(formatDate(Date.UTC(2026, 10, 26, 9, 5, 1), '%Y-%m-%d %H:%M:%S')).toBe('2026-11-26 09:05:01');
  });
});

describe('redirection between stdout and stderr', () => {
  it.each([
    ['echo out; echo err 1>&2', 'out\n', 'err\n'],
    ['echo out; echo err >&2', 'out\n', 'err\n'],
    ['echo both 2>&1', 'both\n', ''],
  ])('runs %s', (script, out, err) => {
    const r = run(script);
    expect([r.out, r.err, r.code]).toEqual([out, err, 0]);
  });
});

describe('standard input of an exec', () => {
  it('reaches the command, as with kubectl exec -i', () => {
    const shell = new Shell(host());
    expect(runToCompletion(shell.runArgv(['wc', '-w'], 'a b\n')).out).toBe('2\n');
    expect(runToCompletion(new Shell(host()).runArgv(['grep', '-c', 'x'], 'x\ny\nx\n')).out).toBe('2\n');
    expect(runToCompletion(new Shell(host()).run('cat > /tmp/f; cat /tmp/f', 'hello\n')).out).toBe('hello\n');
  });
});
