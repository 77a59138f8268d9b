import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { runKubectl } from './testing';
import { HELP } from './help/texts';

const cluster = createCluster({ bare: true });

describe('kubectl dispatcher', () => {
  // Outputs captured from kubectl.1.32 (v1.32.5).
  it.each([
    ['get pods --replica', "error: unknown flag: --replica\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -z', "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -xn', "error: unknown shorthand flag: 'x' in -xn\nSee 'kubectl get --help' for usage.\n"],
    ['get -n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ['-n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n"],
    ['get pods --sort-by', "error: flag needs an argument: --sort-by\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -w=foo', 'error: invalid argument "foo" for "-w, --watch" flag: strconv.ParseBool: parsing "foo": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
    ['foo', 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n'],
    ['gte pods', 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n'],
    ['zzzzzz', 'error: unknown command "zzzzzz" for "kubectl"\n'],
    ['config foo', "error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n"],
    ['version --short', "error: unknown flag: --short\nSee 'kubectl version --help' for usage.\n"],
    ['version extra', 'error: extra arguments: [extra]\n'],
    ['version -o foo --client', "error: --output must be 'yaml' or 'json'\n"],
  ])('kubectl %s fails as kubectl does', (line, err) => {
    const r = runKubectl(cluster, line);
    expect(r.err).toBe(err);
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
  });

  it('prints help for -h, --help and a bare kubectl', () => {
    expect(runKubectl(cluster, 'get -h').out).toBe(HELP.get);
    expect(runKubectl(cluster, 'version --help').out).toBe(HELP.version);
    expect(runKubectl(cluster, '').out).toBe(HELP['']);
    expect(runKubectl(cluster, 'options').out).toBe(HELP.options);
  });

  it('prints a group command help on stderr with exit code 1', () => {
    const r = runKubectl(cluster, 'config');
    expect(r.err).toBe(HELP.config);
    expect(r.code).toBe(1);
  });

  it('prints the client and server versions', () => {
    expect(runKubectl(cluster, 'version').out).toBe(
      'Client Version: v1.32.5\nKustomize Version: v5.5.0\nServer Version: v1.32.5\n',
    );
    expect(runKubectl(cluster, 'version --client -o yaml').out).toBe(`clientVersion:
  buildDate: "2025-05-15T09:12:10Z"
  compiler: gc
  gitCommit: 9894294ef13a5b32803e3ca2c0d620a088cc84d1
  gitTreeState: clean
  gitVersion: v1.32.5
  goVersion: go1.23.8
  major: "1"
  minor: "32"
  platform: linux/amd64
kustomizeVersion: v5.5.0
`);
  });
});
