import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { LongRunning, Program } from './process';
import { Shell, QUIET_LIMIT_SECONDS } from './shell';

/** Prints its argv as JSON, and its stdin if any. */
const args: Program = (argv, ctx) => {
  ctx.out.write(JSON.stringify(argv) + '\n');
  if (ctx.stdin !== undefined) ctx.out.write(`stdin=${JSON.stringify(ctx.stdin)}\n`);
  return 0;
};

/** A program that blocks until `seconds` of simulated time have passed, printing each second. */
function blocking(seconds: number, opts: { deadline?: number; quiet?: boolean } = {}): Program {
  return (_argv, ctx): LongRunning => {
    const clock = ctx.cluster.clock;
    const start = clock.now();
    let printed = 0;
    return {
      poll() {
        const elapsed = Math.floor((clock.now() - start) / 1000);
        while (!opts.quiet && printed < Math.min(elapsed, seconds)) ctx.out.write(`tick ${++printed}\n`);
        if (elapsed >= seconds) {
          ctx.out.write('done\n');
          return 0;
        }
        return undefined;
      },
      cancel() {
        ctx.out.write('cancelled\n');
        return 130;
      },
      deadlineMs: opts.deadline === undefined ? undefined : start + opts.deadline * 1000,
    };
  };
}

function session(mode: 'script' | 'interactive' = 'script', programs: Record<string, Program> = {}) {
  const cluster = new Cluster({ bare: true, nodes: 0 });
  const shell = new Shell({ cluster, mode, programs: { args, ...programs } });
  const run = (src: string): string => {
    let out = '';
    const w = { write: (t: string) => (out += t) };
    shell.run(src, w, w);
    return out;
  };
  return { cluster, shell, run };
}

describe('words and expansions', () => {
  it.each([
    ['args a  b   c', ['a', 'b', 'c']],
    ["args 'a  b' \"c  d\" e\\ f", ['a  b', 'c  d', 'e f']],
    ['args "" \'\' x', ['', '', 'x']],
    ['args "$HOME" ~ ~/x "~" ~root', ['/home/learner', '/home/learner', '/home/learner/x', '~', '/root']],
    ['X="1  2"; args $X "$X" ${X}', ['1', '2', '1  2', '1', '2']],
    ['args ${UNSET:-dflt} ${HOME:+set} ${#HOME} "${UNSET}"', ['dflt', 'set', '13', '']],
    ['args $UNSET', []],
    ['F=app.tar.gz; args ${F%.*} ${F%%.*} ${F#*.} ${F##*.}', ['app.tar', 'app', 'tar.gz', 'gz']],
    ['args $(echo a b) "$(echo a b)" `echo c`', ['a', 'b', 'a b', 'c']],
    ['args "$(printf "x\\n\\n\\n")"', ['x']],
    ['args $((2 + 3 * 4)) $(( (2+3)*4 )) $((7 / 2)) $((7 % 3)) $((2**10))', ['14', '20', '3', '1', '1024']],
    ['N=5; args $((N - 1)) $((N > 3 ? 1 : 0))', ['4', '1']],
    ["args $'a\\tb' $\"c\"", ['a\tb', 'c']],
    ['args a\\\nb', ['ab']],
    ['args "a\\"b" "\\$x" "\\q"', ['a"b', '$x', '\\q']],
    ['args --image=nginx:1.27 -l app=web,tier!=db', ['--image=nginx:1.27', '-l', 'app=web,tier!=db']],
    ["args -o jsonpath='{.items[*].metadata.name}'", ['-o', 'jsonpath={.items[*].metadata.name}']],
    ['args *.nothing', ['*.nothing']],
    ['args $?', ['0']],
  ])('%s', (src, expected) => {
    const { run } = session();
    expect(run(src)).toBe(JSON.stringify(expected) + '\n');
  });

  it('expands globs against the session files, sorted, but not quoted ones', () => {
    const { run } = session();
    run('touch b.yaml a.yaml c.txt; mkdir d; touch d/x.yaml');
    expect(run('args *.yaml "*.yaml" d/*')).toBe(JSON.stringify(['a.yaml', 'b.yaml', '*.yaml', 'd/x.yaml']) + '\n');
  });

  it('sets $? to the status of the last command', () => {
    const { run } = session();
    expect(run('false; echo $?; true; echo $?; nope 2>/dev/null; echo $?')).toBe('1\n0\n127\n');
  });
});

describe('commands, lists and pipelines', () => {
  it('reports unknown commands as bash does, with status 127', () => {
    const { run, shell } = session();
    expect(run('foo --bar')).toBe('bash: foo: command not found\n');
    expect(shell.status).toBe(127);
  });

  it('runs && and || by status', () => {
    const { run } = session();
    expect(run('true && echo a || echo b; false && echo c || echo d')).toBe('a\nd\n');
  });

  it('pipes stdout into the next command and keeps stderr on the terminal', () => {
    const { run } = session();
    expect(run('printf "web-1\\ndb-1\\nweb-2\\n" | grep web | wc -l')).toBe('2\n');
    expect(run('cat nope | wc -l')).toBe('cat: nope: No such file or directory\n0\n');
    expect(run('cat nope 2>&1 | wc -l')).toBe('1\n');
    expect(run('cat nope |& wc -l')).toBe('1\n');
  });

  it('negates a pipeline with !', () => {
    const { run } = session();
    expect(run('! false; echo $?')).toBe('0\n');
  });

  it('feeds a heredoc to a program through a pipe', () => {
    const { run } = session();
    expect(run('cat <<EOF | args apply -f -\nkind: Pod\nname: $USER\nEOF')).toBe(
      '["apply","-f","-"]\nstdin="kind: Pod\\nname: learner\\n"\n',
    );
  });

  it('passes a quoted heredoc through unexpanded, and a here-string with a newline', () => {
    const { run } = session();
    expect(run("args <<'EOF'\n$HOME `x`\nEOF")).toBe('[]\nstdin="$HOME `x`\\n"\n');
    expect(run('args <<< "a b"')).toBe('[]\nstdin="a b\\n"\n');
  });

  it('runs if, for and while with break and continue', () => {
    const { run } = session();
    expect(run('for i in 1 2 3 4; do if [ $i -eq 2 ]; then continue; fi; [ $i -eq 4 ] && break; echo $i; done')).toBe('1\n3\n');
    expect(run('n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo $n')).toBe('3\n');
    expect(run('until true; do echo never; done; echo ok')).toBe('ok\n');
    expect(run('if false; then echo a; elif true; then echo b; else echo c; fi')).toBe('b\n');
  });

  it('stops an endless loop in a script', () => {
    const { run, shell } = session();
    expect(run('while true; do :; done; echo after')).toBe('');
    expect(shell.status).toBe(130);
  });

  it('keeps a subshell\'s directory and variables to itself', () => {
    const { run } = session();
    expect(run('mkdir d; X=1; (cd d; X=2; pwd; echo $X); pwd; echo $X')).toBe('/home/learner/d\n2\n/home/learner\n1\n');
  });

  it('gives a command its prefix assignments in the environment only', () => {
    const { run } = session();
    expect(run('FOO=bar printenv FOO; echo "[$FOO]"')).toBe('bar\n[]\n');
    expect(run('export FOO=baz; printenv FOO')).toBe('baz\n');
  });
});

describe('redirections and files', () => {
  it('writes, appends and reads files', () => {
    const { run, shell } = session();
    expect(run('echo one > f; echo two >> f; cat f; cat < f | wc -l')).toBe('one\ntwo\n2\n');
    expect(shell.fs.read('/home/learner/f')).toBe('one\ntwo\n');
  });

  it('creates the file before the command runs, empty on failure', () => {
    const { run, shell } = session();
    expect(run('cat nope > out')).toBe('cat: nope: No such file or directory\n');
    expect(shell.fs.read('out')).toBe('');
  });

  it('sends both streams to a file with &> and 2>&1', () => {
    const { run, shell } = session();
    run('cat nope &> all; cat nope > both 2>&1; cat nope 2>&1 > only-out');
    expect(shell.fs.read('all')).toBe('cat: nope: No such file or directory\n');
    expect(shell.fs.read('both')).toBe('cat: nope: No such file or directory\n');
    expect(shell.fs.read('only-out')).toBe('');
  });

  it('discards into /dev/null', () => {
    const { run } = session();
    expect(run('cat nope 2>/dev/null; echo hi > /dev/null; echo $?')).toBe('0\n');
  });

  it('reports redirection errors as bash does', () => {
    const { run } = session();
    expect(run('echo x > nodir/f')).toBe('bash: nodir/f: No such file or directory\n');
    expect(run('cat < missing')).toBe('bash: missing: No such file or directory\n');
    expect(run('mkdir d; echo x > d')).toBe('bash: d: Is a directory\n');
    expect(run('X="a b"; echo x > $X')).toBe('bash: $X: ambiguous redirect\n');
  });

  it('saves a manifest with cat > file <<EOF for later commands', () => {
    const { run } = session();
    run('cat > pod.yaml <<EOF\napiVersion: v1\nkind: Pod\nEOF');
    expect(run('args apply -f pod.yaml < pod.yaml')).toBe('["apply","-f","pod.yaml"]\nstdin="apiVersion: v1\\nkind: Pod\\n"\n');
  });
});

describe('builtins', () => {
  it('defines, lists and removes aliases; an alias works as a command name', () => {
    const { run } = session();
    expect(run('alias k=args')).toBe('');
    expect(run('k get pods')).toBe('["get","pods"]\n');
    expect(run("alias kgp='args get pods'; alias")).toBe("alias k='args'\nalias kgp='args get pods'\n");
    expect(run('kgp -A')).toBe('["get","pods","-A"]\n');
    // As in bash, a line is parsed (and its aliases expanded) before any of it runs.
    expect(run('unalias k; k')).toBe('[]\n');
    expect(run('k')).toBe('bash: k: command not found\n');
    expect(run('unalias nope')).toBe('bash: unalias: nope: not found\n');
  });

  it('numbers the history as bash does', () => {
    const { run } = session();
    run('echo a');
    run('  ');
    run('echo b');
    expect(run('history')).toBe('    1  echo a\n    2  echo b\n    3  history\n');
    expect(run('history 1')).toBe('    4  history 1\n');
  });

  it('changes directory and reports missing ones', () => {
    const { run } = session();
    expect(run('cd /nope')).toBe('bash: cd: /nope: No such file or directory\n');
    expect(run('touch f; cd f')).toBe('bash: cd: f: Not a directory\n');
    expect(run('mkdir -p a/b && cd a/b && pwd && cd .. && pwd && cd && pwd')).toBe('/home/learner/a/b\n/home/learner/a\n/home/learner\n');
    expect(run('cd /tmp; cd -')).toBe('/home/learner\n');
  });

  it('stops the session with exit', () => {
    const { run, shell } = session();
    expect(run('echo a; exit 3; echo b')).toBe('a\n');
    expect(shell.exited).toBe(3);
  });

  it('prints bash\'s syntax errors with status 2', () => {
    const { run, shell } = session();
    expect(run('echo ;;')).toBe("bash: syntax error near unexpected token `;;'\n");
    expect(shell.status).toBe(2);
  });
});

describe('blocking commands in script mode', () => {
  it('advances the simulated clock until the command finishes', () => {
    const { run, cluster } = session('script', { wait3: blocking(3) });
    const t0 = cluster.clock.now();
    expect(run('wait3; echo after')).toBe('tick 1\ntick 2\ntick 3\ndone\nafter\n');
    expect(cluster.clock.now() - t0).toBe(3000);
  });

  it('gives up at the deadline by cancelling', () => {
    const { run, cluster } = session('script', { slow: blocking(100, { deadline: 2 }) });
    const t0 = cluster.clock.now();
    expect(run('slow; echo $?')).toBe('tick 1\ntick 2\ncancelled\n130\n');
    expect(cluster.clock.now() - t0).toBe(2000);
  });

  it('stops a watch without deadline after it has been quiet for the quiet limit', () => {
    const { run, cluster } = session('script', { watch: blocking(10_000, { quiet: true }) });
    const t0 = cluster.clock.now();
    expect(run('watch')).toBe('cancelled\n');
    expect(cluster.clock.now() - t0).toBe(QUIET_LIMIT_SECONDS * 1000);
  });

  it('sleeps for exactly the fractional seconds given', () => {
    const { run, cluster } = session();
    const t0 = cluster.clock.now();
    run('sleep 2.5; sleep 1m');
    expect(cluster.clock.now() - t0).toBe(62_500);
    expect(run('sleep')).toBe("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    expect(run('sleep x')).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
  });

  it('kills a command with timeout and exits 124', () => {
    const { run, cluster } = session('script', { slow: blocking(100) });
    const t0 = cluster.clock.now();
    expect(run('timeout 2 slow; echo $?')).toBe('tick 1\ntick 2\ncancelled\n124\n');
    expect(cluster.clock.now() - t0).toBe(2000);
    expect(run('timeout 5 sleep 1; echo $?')).toBe('0\n');
  });

  it('runs the next pipeline stage on the output of a finished blocking command', () => {
    const { run } = session('script', { wait3: blocking(3) });
    expect(run('wait3 | grep -c tick')).toBe('3\n');
  });
});

describe('blocking commands in interactive mode', () => {
  it('hands the blocking command to the host and resumes the list when it finishes', () => {
    const { shell, cluster } = session('interactive', { wait3: blocking(3) });
    let out = '';
    const w = { write: (t: string) => (out += t) };
    const r = shell.run('echo before; wait3; echo after', w, w);
    expect(typeof r).toBe('object');
    const lr = r as LongRunning;
    expect(out).toBe('before\n');
    cluster.clock.advance(2);
    expect(lr.poll()).toBeUndefined();
    expect(out).toBe('before\ntick 1\ntick 2\n');
    cluster.clock.advance(1);
    expect(lr.poll()).toBe(0);
    expect(out).toBe('before\ntick 1\ntick 2\ntick 3\ndone\nafter\n');
  });

  it('cancels the whole list on Ctrl-C', () => {
    const { shell, cluster } = session('interactive', { wait3: blocking(3) });
    let out = '';
    const w = { write: (t: string) => (out += t) };
    const lr = shell.run('wait3; echo after', w, w) as LongRunning;
    cluster.clock.advance(1);
    lr.poll();
    expect(lr.cancel()).toBe(130);
    expect(out).toBe('tick 1\ncancelled\n');
    expect(shell.status).toBe(130);
  });

  it('makes sleep a blocking command that ends when the host has moved time', () => {
    const { shell, cluster } = session('interactive');
    const w = { write: () => {} };
    const lr = shell.run('sleep 5', w, w) as LongRunning;
    expect(lr.deadlineMs).toBe(cluster.clock.now() + 5000);
    cluster.clock.advance(4);
    expect(lr.poll()).toBeUndefined();
    cluster.clock.advance(1);
    expect(lr.poll()).toBe(0);
  });

  it('returns to the host every so often in a long loop', () => {
    const { shell } = session('interactive');
    const w = { write: () => {} };
    const r = shell.run('while true; do :; done', w, w);
    expect(typeof r).toBe('object');
    expect((r as LongRunning).cancel()).toBe(130);
  });
});
