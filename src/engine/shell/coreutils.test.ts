import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { Shell } from './shell';

function run(src: string, setup = ''): string {
  const shell = new Shell({ cluster: new Cluster({ bare: true, nodes: 0 }), mode: 'script' });
  const sink = { write: () => {} };
  if (setup) shell.run(setup, sink, sink);
  let out = '';
  const w = { write: (t: string) => (out += t) };
  shell.run(src, w, w);
  return out;
}

// Expected outputs were captured from GNU bash 5.2 and coreutils 9.1 (Debian 12, C.UTF-8)
// running the same command lines.
describe('coreutils match GNU output', () => {
  it.each([
  ["printf 'b\\na\\nc\\na\\n' | sort", "a\na\nb\nc\n"],
  ["printf 'b\\na\\nc\\na\\n' | sort -u", "a\nb\nc\n"],
  ["printf '10\\n9\\n100\\n' | sort -n", "9\n10\n100\n"],
  ["printf '10\\n9\\n100\\n' | sort -rn", "100\n10\n9\n"],
  ["printf 'x 3\\ny 1\\nz 2\\n' | sort -k2", "y 1\nz 2\nx 3\n"],
  ["printf 'a\\na\\nb\\na\\n' | uniq -c", "      2 a\n      1 b\n      1 a\n"],
  ["printf 'a\\na\\nb\\n' | uniq -d", "a\n"],
  ["printf 'NAME READY\\nweb 1/1\\ndb 0/1\\n' | awk '{print $1}'", "NAME\nweb\ndb\n"],
  ["printf 'NAME READY\\nweb 1/1\\ndb 0/1\\n' | awk 'NR>1 {print $2, $1}'", "1/1 web\n0/1 db\n"],
  ["printf 'a:b:c\\n' | cut -d: -f2", "b\n"],
  ["printf 'a:b:c\\n' | cut -d: -f1,3", "a:c\n"],
  ["printf 'hello\\n' | cut -c2-4", "ell\n"],
  ["echo Hello | tr a-z A-Z", "HELLO\n"],
  ["echo hello | tr -d l", "heo\n"],
  ["echo 'a  b   c' | tr -s ' '", "a b c\n"],
  ["printf 'one\\ntwo\\nthree\\nfour\\n' | head -n 2", "one\ntwo\n"],
  ["printf 'one\\ntwo\\nthree\\nfour\\n' | head -2", "one\ntwo\n"],
  ["printf 'one\\ntwo\\nthree\\nfour\\n' | head -n -1", "one\ntwo\nthree\n"],
  ["printf 'one\\ntwo\\nthree\\nfour\\n' | tail -n 2", "three\nfour\n"],
  ["printf 'one\\ntwo\\nthree\\nfour\\n' | tail -n +3", "three\nfour\n"],
  ["printf 'one\\ntwo' | tail -n 1", "two"],
  ["printf 'hello\\nworld\\n' | head -c 3", "hel"],
  ["printf 'hello\\nworld\\n' | head -c -3", "hello\nwor"],
  ["printf 'hello\\nworld\\n' | tail -c 3", "ld\n"],
  ["printf 'hello\\nworld\\n' | tail -c +3", "llo\nworld\n"],
  ["printf 'hello\\nworld\\n' | head -n 2 -c 3", "hel"],
  ["printf 'hello\\nworld\\n' | head -c 3 -n 1", "hello\n"],
  ["printf 'hello\\nworld\\n' | head --bytes=1k | wc -c", "12\n"],
  ["printf 'abc' | tail -c 0 | wc -c", "0\n"],
  ['seq 1 1000 | head -c 2KB | wc -c', '2000\n'],
  ['seq 1 1000 | tail -c 1KiB | head -c 10', '45\n746\n747'],
  ['seq 1 1000 | head -n 1k | wc -l', '1000\n'],
  ["printf 'one\\ntwo\\n' | wc", "      2       2       8\n"],
  ["printf 'one two\\nthree\\n' | wc -w", "3\n"],
  ["printf 'one\\ntwo\\n' | wc -c", "8\n"],
  ["printf 'web-1\\nWEB-2\\ndb\\n' | grep -i web", "web-1\nWEB-2\n"],
  ["printf 'web-1\\nWEB-2\\ndb\\n' | grep -v web", "WEB-2\ndb\n"],
  ["printf 'web-1\\nWEB-2\\ndb\\n' | grep -c -i web", "2\n"],
  ["printf 'web-1\\nweb-22\\ndb\\n' | grep -E 'web-[0-9]{2}'", "web-22\n"],
  ["printf 'web-1\\nweb-22\\ndb\\n' | grep 'web-[0-9]\\{2\\}'", "web-22\n"],
  ["printf 'web-1\\nweb-22\\ndb\\n' | grep -n db", "3:db\n"],
  ["printf 'web-1\\nweb-22\\ndb\\n' | grep -o 'web-[0-9]*'", "web-1\nweb-22\n"],
  ["printf 'a+b\\n' | grep 'a+b'", "a+b\n"],
  ["printf 'ab\\n' | grep -w a; echo $?", "1\n"],
  ["printf 'x\\n' | grep y; echo $?", "1\n"],
  ["echo -n aGVsbG8gd29ybGQ= | base64 -d", "hello world"],
  ["echo 'hello world' | base64", "aGVsbG8gd29ybGQK\n"],
  ["printf '%s' 'a very long string that is definitely longer than seventy six characters for wrapping' | base64", "YSB2ZXJ5IGxvbmcgc3RyaW5nIHRoYXQgaXMgZGVmaW5pdGVseSBsb25nZXIgdGhhbiBzZXZlbnR5\nIHNpeCBjaGFyYWN0ZXJzIGZvciB3cmFwcGluZw==\n"],
  ["echo -e 'a\\tb\\nc'", "a\tb\nc\n"],
  ["echo -e 'stop\\cnot'", "stop"],
  ["echo -n -e 'x\\x41\\n'", "xA\n"],
  ["echo -- -n", "-- -n\n"],
  ["echo -nx", "-nx\n"],
  ["printf '%5s|%-5s|%05d|%x\\n' ab cd 42 255", "   ab|cd   |00042|ff\n"],
  ["printf '%s\\n' a b c", "a\nb\nc\n"],
  ["printf 'no newline'", "no newline"],
  ["seq 3", "1\n2\n3\n"],
  ["seq 2 4", "2\n3\n4\n"],
  ["seq 1 2 7", "1\n3\n5\n7\n"],
  ["seq -s, 3", "1,2,3\n"],
  ["seq -w 8 10", "08\n09\n10\n"],
  ["basename /a/b/c.yaml .yaml", "c\n"],
  ["dirname /a/b/c.yaml", "/a/b\n"],
  ["test 1 -lt 2 && echo lt", "lt\n"],
  ["[ -z \"\" ] && echo empty", "empty\n"],
  ["[ abc = abc ]; echo $?", "0\n"],
  ["[ 1 -eq a ]; echo $?", "bash: [: a: integer expression expected\n2\n"],
  ["[ 1 = 1; echo $?", "bash: [: missing `]'\n2\n"],
  ["echo $((10/3)) $((-7/2)) $((1<<4))", "3 -3 16\n"],
  ])('%s', (src, expected) => {
    expect(run(src)).toBe(expected);
  });
});

describe('file commands report errors as GNU coreutils does', () => {
  it.each([
    ['ls nope; echo $?', "ls: cannot access 'nope': No such file or directory\n2\n"],
    ['ls f d', 'f\n\nd:\ng\n'],
    ['ls', 'ctx  d  f\n'],
    ['ls | cat', 'ctx\nd\nf\n'],
    ['mkdir d', 'mkdir: cannot create directory ‘d’: File exists\n'],
    ['mkdir a/b', 'mkdir: cannot create directory ‘a/b’: No such file or directory\n'],
    ['mkdir', "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"],
    ['cat d', 'cat: d: Is a directory\n'],
    ['cat nope', 'cat: nope: No such file or directory\n'],
    ['rm d', "rm: cannot remove 'd': Is a directory\n"],
    ['rm nope', "rm: cannot remove 'nope': No such file or directory\n"],
    ['rm -f nope; echo $?', '0\n'],
    ['rm -r d; ls', 'ctx  f\n'],
    ['rmdir d', "rmdir: failed to remove 'd': Directory not empty\n"],
    ['touch x/y', "touch: cannot touch 'x/y': No such file or directory\n"],
    ['head -n 1 nope', "head: cannot open 'nope' for reading: No such file or directory\n"],
    ['head -n 1 f d/g', '==> f <==\na\n\n==> d/g <==\nx\n'],
    ['head -c 1 f d/g', '==> f <==\na\n==> d/g <==\nx'],
    ['tail -c 2 f d/g', '==> f <==\nb\n\n==> d/g <==\nx\n'],
    ["printf 'abc' | head -c 1x", 'head: invalid number of bytes: ‘1x’\n'],
    ["printf 'abc' | tail -c x", 'tail: invalid number of bytes: ‘x’\n'],
    ["printf 'abc' | head -c 99999999999999999999999", 'head: invalid number of bytes: ‘99999999999999999999999’: Value too large for defined data type\n'],
    ["printf 'a\u00e9\\n' | head -c 2", 'a\ufffd'],
    ['grep a nope', 'grep: nope: No such file or directory\n'],
    ['grep a f d/g', 'f:a\n'],
    ['wc f', '2 2 4 f\n'],
    ['wc -l f f', '2 f\n2 f\n4 total\n'],
    ['sort nope', 'sort: cannot read: nope: No such file or directory\n'],
    ['cp nope x', "cp: cannot stat 'nope': No such file or directory\n"],
    ['cp f g; mv g h; ls', 'ctx  d  f  h\n'],
    ['cat -n f', '     1\ta\n     2\tb\n'],
    ['ls -z', "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n"],
    ['ls --bad', "ls: unrecognized option '--bad'\nTry 'ls --help' for more information.\n"],
    ['echo hi | tee t; cat t', 'hi\nhi\n'],
    ['grep -A1 c ctx', 'c\nd\n'],
    ['grep -B1 -e c -e g ctx', 'b\nc\n--\nf\ng\n'],
    ['grep -C1 -n e ctx', '4-d\n5:e\n6-f\n'],
    ['grep -A1 -e b -e c ctx', 'b\nc\nd\n'],
    ['grep -c -A1 b ctx', '1\n'],
    ['grep -A 1 b ctx ctx', 'ctx:b\nctx-c\n--\nctx:b\nctx-c\n'],
  ])('%s', (src, expected) => {
    expect(run(src, "printf 'a\\nb\\n' > f; mkdir d; echo x > d/g; printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\nh\\n' > ctx")).toBe(expected);
  });

  it('prints ls -l like GNU ls, with the simulated clock as modification time', () => {
    expect(run('ls -l', "printf 'a\\nb\\n' > f; mkdir d; echo x > d/g")).toBe(
      'total 8\ndrwxr-xr-x 2 learner learner 4096 Nov 26 09:00 d\n-rw-r--r-- 1 learner learner    4 Nov 26 09:00 f\n',
    );
  });

  // GNU ls aligns with tabs where it can; the terminal shows the same columns with spaces.
  it('lays out names in columns on a terminal, down then across', () => {
    const shell = new Shell({ cluster: new Cluster({ bare: true, nodes: 0 }), mode: 'script', columns: 30 });
    const sink = { write: () => {} };
    shell.run('touch a.yaml bb.yaml ccc.yaml dddd.yaml eeeee.yaml', sink, sink);
    let out = '';
    shell.run('ls', { write: (t) => (out += t) }, sink);
    expect(out).toBe('a.yaml    dddd.yaml\nbb.yaml   eeeee.yaml\nccc.yaml\n');
  });
});
