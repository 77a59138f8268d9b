import { describe, expect, it } from 'vitest';
// Printed by real perl: perl -MMath::BigFloat -le 'print Math::BigFloat->bpi(2000)' (also
// checked against mpmath's pi to 2000 digits).
import pi2000 from './testdata/pi-2000.txt?raw';
import { formatNumber, piDigits, runPerl } from './perl';
import type { Effect } from './shell';

const PERL = { version: '5.34.0' };

/** Output, errors and CPU time of a perl run, in order. */
function run(args: string[]): { out: string; err: string; code: number; seconds: number } {
  const gen = runPerl(args, PERL, () => Date.UTC(2026, 0, 1));
  let out = '';
  let err = '';
  let seconds = 0;
  for (;;) {
    const r = gen.next();
    if (r.done) return { out, err, code: r.value, seconds };
    const e: Effect = r.value;
    if (e.t === 'out') out += e.s;
    else if (e.t === 'err') err += e.s;
    else seconds += e.sec;
  }
}

describe('perl one-liners', () => {
  it('prints the first 2000 digits of pi for the Job walk-through, after a few seconds of CPU', () => {
    const r = run(['-Mbignum=bpi', '-wle', 'print bpi(2000)']);
    expect(r.out).toBe(pi2000);
    expect(r.out.length).toBe(2002);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.seconds).toBeGreaterThan(2);
    expect(r.seconds).toBeLessThan(4);
  });

  it('rounds pi to the requested significant digits as Math::BigFloat does', () => {
    // perl -MMath::BigFloat -le 'print Math::BigFloat->bpi(N)' for N = 1, 3, 10, 20
    expect(piDigits(1)).toBe('3');
    expect(piDigits(3)).toBe('3.14');
    expect(piDigits(10)).toBe('3.141592654');
    expect(piDigits(20)).toBe('3.1415926535897932385');
    expect(run(['-MMath::BigFloat', '-le', 'print Math::BigFloat->bpi(10)']).out).toBe('3.141592654\n');
  });

  it('needs bpi imported, as bignum exports it only on request', () => {
    const r = run(['-e', 'print bpi(3)']);
    expect(r).toMatchObject({ out: '', err: 'Undefined subroutine &main::bpi called at -e line 1.\n', code: 255 });
  });

  it('prints without a newline unless -l is given', () => {
    expect(run(['-e', 'print "x"']).out).toBe('x');
    expect(run(['-le', 'print 1,2,3']).out).toBe('123\n');
    expect(run(['-E', 'say "hi"']).out).toBe('hi\n');
  });

  it('formats numbers as perl does, and bignum makes integers exact', () => {
    // Outputs captured from perl 5.36.
    expect(run(['-le', 'print 2**100']).out).toBe('1.26765060022823e+30\n');
    expect(run(['-Mbignum', '-le', 'print 2**100']).out).toBe('1267650600228229401496703205376\n');
    expect(run(['-le', 'print 1/3']).out).toBe('0.333333333333333\n');
    expect(run(['-Mbignum', '-le', 'print 1/3']).out).toBe('0.3333333333333333333333333333333333333333\n');
    expect(run(['-Mbignum', '-le', 'print 2/3']).out).toBe('0.6666666666666666666666666666666666666667\n');
    expect(run(['-Mbignum', '-le', 'print 10/4']).out).toBe('2.5\n');
    expect(run(['-Mbigint', '-le', 'print 7/2']).out).toBe('3\n');
    expect(run(['-le', 'print 10/2, " ", 7/2']).out).toBe('5 3.5\n');
    expect(run(['-le', 'print -7 % 3']).out).toBe('2\n');
    expect(run(['-le', 'print "a" x 3 . "b"']).out).toBe('aaab\n');
    expect(run(['-le', 'print "x" . 1 + 2']).out).toBe('2\n');
    expect(run(['-le', 'printf "%05.2f|%s|%d\\n", 3.14159, "x", 42']).out).toBe('03.14|x|42\n');
    expect(formatNumber(2 ** 0.5)).toBe('1.4142135623731');
    expect(formatNumber(1e21)).toBe('1e+21');
  });

  it('dies, warns and exits with perl messages and statuses', () => {
    expect(run(['-e', 'die "boom"'])).toMatchObject({ err: 'boom at -e line 1.\n', code: 255 });
    expect(run(['-e', 'warn "w"; exit 3'])).toMatchObject({ err: 'w at -e line 1.\n', code: 3 });
    expect(run(['-e'])).toMatchObject({ err: 'No code specified for -e.\n', code: 25 });
    const missing = run(['-Mfoo', '-e', '1']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      "Can't locate foo.pm in @INC (you may need to install the foo module) (@INC contains: /usr/local/lib/perl5/site_perl/5.34.0/x86_64-linux-gnu /usr/local/lib/perl5/site_perl/5.34.0 /usr/local/lib/perl5/vendor_perl/5.34.0/x86_64-linux-gnu /usr/local/lib/perl5/vendor_perl/5.34.0 /usr/local/lib/perl5/5.34.0/x86_64-linux-gnu /usr/local/lib/perl5/5.34.0).\nBEGIN failed--compilation aborted.\n",
    );
  });

  it('says so instead of pretending when a program is beyond the simulation', () => {
    const r = run(['-e', 'my $x = 1; print $x']);
    expect(r.code).toBe(255);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^perl: the playground's perl runs only simple one-liners/);
  });

  it('prints its version banner', () => {
    expect(run(['-v']).out.split('\n').slice(0, 4)).toEqual(['', 'This is perl 5, version 34, subversion 0 (v5.34.0) built for x86_64-linux-gnu', '', 'Copyright 1987-2021, Larry Wall']);
  });
});
