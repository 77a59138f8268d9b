import { describe, expect, it } from 'vitest';
import { Incomplete, needsMore, parse, ShellSyntaxError } from './lexer';
import type { SimpleCommand } from './ast';

describe('needsMore', () => {
  it.each([
    ['echo ok', false],
    ['echo "open', true],
    ["echo 'open", true],
    ['echo `open', true],
    ['cat <<EOF', true],
    ['cat <<EOF\nbody', true],
    ['cat <<EOF\nbody\nEOF', false],
    ["cat <<'EOF' | kubectl apply -f -\nkind: Pod\nEOF", false],
    ['cat <<-EOF\n\tbody\n\tEOF', false],
    ['kubectl get pods |', true],
    ['kubectl get pods |\n grep web', false],
    ['true &&', true],
    ['false ||', true],
    ['echo \\', true],
    ['echo a \\\nb', false],
    ['if true; then', true],
    ['if true; then echo; fi', false],
    ['for i in 1 2; do echo $i', true],
    ['for i in 1 2; do echo $i; done', false],
    ['while true', true],
    ['echo $(ls', true],
    ['echo ${x', true],
    ['( cd /tmp', true],
    ['{ echo a;', true],
    ['echo )', false],
    ['', false],
    ['# just a comment', false],
  ])('%j needs more input: %s', (src, expected) => {
    expect(needsMore(src)).toBe(expected);
  });
});

describe('syntax errors', () => {
  it.each([
    ['echo ;;', "syntax error near unexpected token `;;'"],
    ['echo )', "syntax error near unexpected token `)'"],
    ['| grep x', "syntax error near unexpected token `|'"],
    ['; ls', "syntax error near unexpected token `;'"],
    ['fi', "syntax error near unexpected token `fi'"],
    ['done', "syntax error near unexpected token `done'"],
    ['echo >', "syntax error near unexpected token `newline'"],
    ['echo > | x', "syntax error near unexpected token `|'"],
    ['if then fi', "syntax error near unexpected token `then'"],
    ['()', "syntax error near unexpected token `)'"],
    ['echo ${x/a/b}', '${x/a/b}: bad substitution'],
  ])('%j is rejected with bash\'s message', (src, message) => {
    expect(() => parse(src)).toThrow(ShellSyntaxError);
    expect(() => parse(src)).toThrow(message);
  });

  it('reports the missing quote at the end of a script', () => {
    expect(() => parse('echo "abc', { eof: true })).toThrow(Incomplete);
    expect(() => parse('echo "abc', { eof: true })).toThrow("unexpected EOF while looking for matching `\"'");
  });
});

describe('heredocs', () => {
  const body = (src: string, opts = {}) => {
    const cmd = parse(src, opts).list[0].first.commands[0] as SimpleCommand;
    return cmd.redirects.find((r) => r.heredoc)!.heredoc!;
  };

  it('reads the body up to the delimiter line, keeping blank and # lines', () => {
    const h = body('cat <<EOF\na: 1\n\n# kept\nEOF\n');
    expect(h.delimiter).toBe('EOF');
    expect(h.expand).toBe(true);
    expect(h.body.text).toBe('a: 1\n\n# kept\n');
  });

  it('does not expand a quoted delimiter and removes the quotes from it', () => {
    for (const d of ["'EOF'", '"EOF"', '\\EOF', "E'O'F"]) {
      const h = body(`cat <<${d}\n$HOME\nEOF`);
      expect(h.delimiter).toBe('EOF');
      expect(h.expand).toBe(false);
      expect(h.body.parts).toEqual([{ kind: 'lit', value: '$HOME\n', quoted: true }]);
    }
  });

  it('strips leading tabs with <<-', () => {
    expect(body('cat <<-END\n\t\tx\n\tEND').body.text).toBe('x\n');
  });

  it('reads bodies in order when a line opens two heredocs', () => {
    const cmd = parse('cat <<A <<B\na\nA\nb\nB').list[0].first.commands[0] as SimpleCommand;
    expect(cmd.redirects.map((r) => r.heredoc!.body.text)).toEqual(['a\n', 'b\n']);
  });

  it('ends an unterminated heredoc at the end of a script with bash\'s warning', () => {
    const r = parse('cat <<EOF\nx', { eof: true, firstLine: 7 });
    expect(r.warnings).toEqual(["warning: here-document at line 7 delimited by end-of-file (wanted `EOF')"]);
  });

  it('lets the command continue after the heredoc operator on the same line', () => {
    const list = parse('cat <<EOF | kubectl apply -f -\nkind: Pod\nEOF\necho done').list;
    expect(list).toHaveLength(2);
    expect(list[0].first.commands).toHaveLength(2);
  });
});

describe('structure', () => {
  it('splits lists, and-or chains and pipelines', () => {
    const list = parse('a | b && c || d; e &').list;
    expect(list).toHaveLength(2);
    expect(list[0].first.commands).toHaveLength(2);
    expect(list[0].rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(list[1].background).toBe(true);
  });

  it('parses redirections with file descriptors', () => {
    const cmd = parse('kubectl get pods 2>&1 >out.txt 2>>err <in').list[0].first.commands[0] as SimpleCommand;
    expect(cmd.redirects.map((r) => [r.fd, r.op, r.target.text])).toEqual([
      [2, '>&', '1'],
      [undefined, '>', 'out.txt'],
      [2, '>>', 'err'],
      [undefined, '<', 'in'],
    ]);
  });

  it('recognises assignments only before the command word', () => {
    const cmd = parse('A=1 B+=2 env C=3').list[0].first.commands[0] as SimpleCommand;
    expect(cmd.assigns.map((a) => [a.name, a.append, a.value.text])).toEqual([
      ['A', false, '1'],
      ['B', true, '2'],
    ]);
    expect(cmd.words.map((w) => w.text)).toEqual(['env', 'C=3']);
  });

  it('treats # as a comment only at the start of a word', () => {
    const cmd = parse('echo a#b # comment').list[0].first.commands[0] as SimpleCommand;
    expect(cmd.words.map((w) => w.text)).toEqual(['echo', 'a#b']);
  });

  it('expands aliases textually in command position only', () => {
    const aliases: Record<string, string> = { k: 'kubectl', kg: 'kubectl get ', po: 'pods' };
    const words = (src: string) =>
      (parse(src, { alias: (n) => aliases[n] }).list[0].first.commands[0] as SimpleCommand).words.map((w) => w.text);
    expect(words('k get k')).toEqual(['kubectl', 'get', 'k']);
    expect(words('kg po')).toEqual(['kubectl', 'get', 'pods']);
    expect(words("'k' get")).toEqual(["'k'", 'get']);
  });

  it('does not loop on a recursive alias', () => {
    const cmd = parse('ls', { alias: (n) => (n === 'ls' ? 'ls --color=auto' : undefined) }).list[0].first.commands[0] as SimpleCommand;
    expect(cmd.words.map((w) => w.text)).toEqual(['ls', '--color=auto']);
  });
});
