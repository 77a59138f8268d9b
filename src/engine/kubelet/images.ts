/**
 * The container images the simulated registries serve: well-known Docker Hub, registry.k8s.io
 * and ghcr.io images with their tags, compressed sizes (what containerd reports as "Image size"),
 * entrypoints, the ports their servers listen on, what they log at start and stop, and how they
 * answer HTTP. Also image reference parsing as containerd's reference.ParseDockerRef does
 * (`nginx` -> `docker.io/library/nginx:latest`) and the pull errors containerd returns.
 *
 * Digests are stable pseudo-digests derived from the reference (not the registries' real ones).
 */
import { NGINX_WELCOME } from '../network/servers';

/** A parsed image reference. */
export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** `docker.io`, `registry.k8s.io` ... */
  domain: string;
  /** `library/nginx` */
  path: string;
  tag: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` */
  full: string;
  /** `docker.io/library/nginx` */
  repo: string;
}

export type ParseResult = { ok: true; ref: ImageRef } | { ok: false; message: string };

/** reference.ParseNormalizedNamed + TagNameOnly, with the kubelet's InvalidImageName text. */
export function parseImageRef(raw: string): ParseResult {
  const fail = (why: string): ParseResult => ({
    ok: false,
    message: `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${why}`,
  });
  if (!raw || /\s/.test(raw)) return fail('invalid reference format');
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return fail('invalid reference format');
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return fail('invalid reference format');
  }
  let domain = 'docker.io';
  let path = rest;
  const first = rest.split('/')[0];
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first;
    path = rest.slice(first.length + 1);
  }
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (path !== path.toLowerCase()) return fail(`invalid reference format: repository name (${path}) must be lowercase`);
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) {
    return fail('invalid reference format');
  }
  if (!tag && !digest) tag = 'latest';
  const repo = `${domain}/${path}`;
  const full = digest ? `${repo}@${digest}` : `${repo}:${tag}`;
  return { ok: true, ref: { raw, domain, path, tag, digest, full, repo } };
}

/** A 64-hex pseudo digest, stable for a given text. */
export function pseudoDigest(text: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995) >>> 0;
    h ^= h >>> 15;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** What a container's main process is, when the image decides. */
export type ServerKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'mysql'
  | 'postgres'
  | 'whoami'
  | 'echoserver'
  | 'hello'
  | 'http-echo'
  | 'hello-app'
  | 'php-apache'
  | 'python-http'
  | 'pause'
  | 'coredns'
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kube-proxy'
  | 'flannel'
  | 'generic';

export interface ImageInfo {
  /** `docker.io/library/nginx` */
  repo: string;
  /** Tag -> version text used in logs (e.g. nginx `1.27.5`). */
  tags: Map<string, string>;
  /** Compressed size in bytes per tag (default applies to all). */
  size: number;
  sizes?: Record<string, number>;
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  /** Whether the image has a shell (`sh`). */
  shell: boolean;
  /** Extra commands the image has (besides the shell's applets), e.g. `nginx`, `wget`. */
  commands?: string[];
  /** Executables that start the image's server (basename of argv[0]). */
  servers?: Record<string, ServerKind>;
  /** TCP ports the server listens on. */
  ports?: number[];
  /** Seconds a server takes to exit after its stop signal. */
  stopSeconds?: number;
  /** Working directory. */
  workdir?: string;
  /** Files in the image (path -> content). */
  files?: Record<string, string>;
  /** Whether the image's `perl` runs one-liners (./perl.ts). */
  perl?: boolean;
}


const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const PATH_DEFAULT = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function versions(prefix: string, minors: Record<string, number>, extra: Record<string, string> = {}, suffixes: string[] = []): Map<string, string> {
  const m = new Map<string, string>();
  for (const [minor, maxPatch] of Object.entries(minors)) {
    const top = `${prefix}${minor}.${maxPatch}`;
    for (const sfx of ['', ...suffixes]) {
      m.set(`${minor}${sfx}`, top);
      for (let p = 0; p <= maxPatch; p++) m.set(`${minor}.${p}${sfx}`, `${prefix}${minor}.${p}`);
    }
  }
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
}

const NGINX_TAGS = versions(
  '',
  { '1.28': 0, '1.27': 5, '1.26': 3, '1.25': 5, '1.24': 0, '1.23': 4, '1.22': 1, '1.21': 6, '1.20': 2, '1.19': 10, '1.18': 0, '1.17': 10, '1.16': 1, '1.15': 12, '1.14': 2, '1.13': 12, '1.12': 2, '1.11': 13, '1.10': 3, '1.9': 15, '1.8': 1, '1.7': 12 },
  { latest: '1.27.5', mainline: '1.27.5', stable: '1.28.0', alpine: '1.27.5', 'alpine-slim': '1.27.5', perl: '1.27.5', 'stable-alpine': '1.28.0', 'mainline-alpine': '1.27.5', bookworm: '1.27.5', 'alpine3.21': '1.27.5' },
  ['-alpine', '-perl', '-bookworm', '-alpine-slim'],
);

const BUSYBOX_TAGS = new Map<string, string>(
  ['latest', 'stable', 'musl', 'glibc', 'uclibc', '1.37', '1.37.0', '1.36', '1.36.1', '1.36.0', '1.35', '1.35.0', '1.34', '1.34.1', '1.33', '1.33.1', '1.32', '1.31', '1.31.1', '1.30', '1.29', '1.28', '1.27', '1.27.2', '1.37-glibc', '1.36-musl', '1.36-glibc', '1.36-uclibc']
    .map((t) => [t, /^\d/.test(t) ? t.replace(/-.*/, '') : '1.37.0']),
);

function simpleTags(list: string[], latest: string): Map<string, string> {
  return new Map(list.map((t) => [t, t === 'latest' || !/^\d|^v\d/.test(t) ? latest : t]));
}

/** The catalogue, keyed by repository (`docker.io/library/nginx`). */
export const CATALOGUE: Map<string, ImageInfo> = new Map();

function add(info: ImageInfo): void {
  CATALOGUE.set(info.repo, info);
}

add({
  repo: 'docker.io/library/nginx',
  tags: NGINX_TAGS,
  size: 72195292,
  sizes: { alpine: 20962184, 'stable-alpine': 20823512, 'mainline-alpine': 20962184, 'alpine-slim': 5412848, '1.14.2': 44710204, '1.16.1': 51031478, '1.7.9': 39947836 },
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  env: { PATH: PATH_DEFAULT, NGINX_VERSION: '1.27.5', NJS_VERSION: '0.8.10', NJS_RELEASE: '1~bookworm', PKG_RELEASE: '1~bookworm', DYNPKG_RELEASE: '1~bookworm' },
  shell: true,
  commands: ['nginx', 'curl', 'bash', 'sed', 'awk', 'docker-entrypoint.sh', 'envsubst'],
  servers: { nginx: 'nginx', 'docker-entrypoint.sh': 'nginx' },
  ports: [80],
  stopSeconds: 0.1,
  files: {
    '/usr/share/nginx/html/index.html': NGINX_WELCOME,
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
    '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
    '/etc/os-release': DEBIAN_OS_RELEASE,
  },
});

add({
  repo: 'docker.io/library/httpd',
  tags: versions('', { '2.4': 63 }, { latest: '2.4.63', alpine: '2.4.63', '2': '2.4.63', bookworm: '2.4.63' }, ['-alpine', '-bookworm']),
  size: 58411524,
  cmd: ['httpd-foreground'],
  env: { PATH: '/usr/local/apache2/bin:' + PATH_DEFAULT, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: '2.4.63' },
  shell: true,
  commands: ['httpd', 'httpd-foreground', 'apachectl', 'bash'],
  servers: { 'httpd-foreground': 'httpd', httpd: 'httpd' },
  ports: [80],
  stopSeconds: 1,
  workdir: '/usr/local/apache2',
  files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n', '/etc/os-release': DEBIAN_OS_RELEASE },
});

add({
  repo: 'docker.io/library/busybox',
  tags: BUSYBOX_TAGS,
  size: 2167176,
  sizes: { '1.28': 727869, '1.36': 2159953, '1.36.1': 2159953 },
  cmd: ['sh'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  shell: true,
  commands: ['wget', 'nslookup', 'ping', 'nc', 'ps', 'top', 'vi', 'httpd', 'ifconfig', 'ip', 'netstat', 'free', 'df', 'du', 'find', 'sed', 'awk', 'xargs', 'watch', 'telnet', 'traceroute', 'timeout', 'md5sum', 'sha256sum', 'base64'],
  servers: { httpd: 'generic' },
});

add({
  repo: 'registry.k8s.io/busybox',
  tags: new Map([['latest', '1.27.2'], ['1.27.2', '1.27.2'], ['1.27', '1.27.2'], ['1.24', '1.24.0']]),
  size: 1144547,
  cmd: ['sh'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  shell: true,
  commands: CATALOGUE.get('docker.io/library/busybox')!.commands,
});

add({
  repo: 'docker.io/library/alpine',
  tags: new Map([['latest', '3.21.3'], ...['3.21', '3.21.3', '3.20', '3.20.6', '3.19', '3.19.7', '3.18', '3.18.12', '3.17', '3.16', '3', 'edge'].map((t) => [t, t] as [string, string])]),
  size: 3653068,
  cmd: ['/bin/sh'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['wget', 'nslookup', 'ping', 'nc', 'ps', 'top', 'vi', 'apk', 'ifconfig', 'ip', 'netstat', 'free', 'df', 'find', 'sed', 'awk', 'xargs', 'timeout', 'base64'],
});

add({
  repo: 'docker.io/library/ubuntu',
  tags: simpleTags(['latest', '24.04', '22.04', '20.04', '18.04', 'noble', 'jammy', 'focal', 'bionic', 'rolling', 'devel', '24.10', 'oracular'], '24.04'),
  size: 29754290,
  cmd: ['/bin/bash'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['bash', 'apt', 'apt-get', 'sed', 'awk', 'find', 'xargs', 'df', 'du', 'ps', 'free', 'timeout', 'base64'],
});

add({
  repo: 'docker.io/library/debian',
  tags: simpleTags(['latest', 'bookworm', 'bookworm-slim', 'bullseye', 'bullseye-slim', '12', '12-slim', '11', '11-slim', 'stable', 'stable-slim', 'trixie'], '12'),
  size: 48484130,
  cmd: ['bash'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['bash', 'apt', 'apt-get', 'sed', 'awk', 'find', 'xargs', 'df', 'du', 'timeout', 'base64'],
  files: { '/etc/os-release': DEBIAN_OS_RELEASE },
});

add({
  repo: 'docker.io/library/redis',
  tags: versions('', { '7.4': 3, '7.2': 8, '7.0': 15, '6.2': 17 }, { latest: '7.4.3', alpine: '7.4.3', '7': '7.4.3', '6': '6.2.17', bookworm: '7.4.3', '8': '8.0.1', '8.0': '8.0.1' }, ['-alpine', '-bookworm']),
  size: 45048612,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['redis-server'],
  env: { PATH: PATH_DEFAULT, REDIS_VERSION: '7.4.3' },
  shell: true,
  commands: ['redis-server', 'redis-cli', 'docker-entrypoint.sh', 'bash'],
  servers: { 'redis-server': 'redis', 'docker-entrypoint.sh': 'redis' },
  ports: [6379],
  stopSeconds: 0.3,
  workdir: '/data',
});

add({
  repo: 'docker.io/library/mysql',
  tags: new Map([['latest', '9.3.0'], ['9', '9.3.0'], ['9.3', '9.3.0'], ['8', '8.4.5'], ['8.4', '8.4.5'], ['lts', '8.4.5'], ['8.0', '8.0.42'], ['8.0.42', '8.0.42'], ['5.7', '5.7.44'], ['5', '5.7.44'], ['8.4.5', '8.4.5']]),
  size: 264104218,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['mysqld'],
  env: { PATH: PATH_DEFAULT, GOSU_VERSION: '1.17', MYSQL_MAJOR: 'innovation', MYSQL_VERSION: '9.3.0-1.el9', MYSQL_SHELL_VERSION: '9.3.0-1.el9' },
  shell: true,
  commands: ['mysqld', 'mysql', 'mysqladmin', 'docker-entrypoint.sh', 'bash'],
  servers: { mysqld: 'mysql', 'docker-entrypoint.sh': 'mysql' },
  ports: [3306, 33060],
  stopSeconds: 2,
});

add({
  repo: 'docker.io/library/postgres',
  tags: new Map([['latest', '17.5'], ['17', '17.5'], ['17.5', '17.5'], ['16', '16.9'], ['16.9', '16.9'], ['15', '15.13'], ['14', '14.18'], ['13', '13.21'], ['alpine', '17.5'], ['17-alpine', '17.5'], ['16-alpine', '16.9'], ['15-alpine', '15.13']]),
  size: 158441046,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['postgres'],
  env: { PATH: '/usr/lib/postgresql/17/bin:' + PATH_DEFAULT, PG_MAJOR: '17', PG_VERSION: '17.5-1.pgdg120+1', PGDATA: '/var/lib/postgresql/data', GOSU_VERSION: '1.17', LANG: 'en_US.utf8' },
  shell: true,
  commands: ['postgres', 'psql', 'pg_isready', 'docker-entrypoint.sh', 'bash'],
  servers: { postgres: 'postgres', 'docker-entrypoint.sh': 'postgres' },
  ports: [5432],
  stopSeconds: 0.5,
});

add({
  repo: 'docker.io/library/node',
  tags: simpleTags(['latest', '24', '23', '22', '20', '18', 'lts', 'current', 'alpine', 'slim', '22-alpine', '20-alpine', '18-alpine', '22-slim', '20-slim', 'lts-alpine', 'lts-slim'], '24'),
  size: 398219774,
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['node'],
  env: { PATH: PATH_DEFAULT, NODE_VERSION: '24.1.0', YARN_VERSION: '1.22.22' },
  shell: true,
  commands: ['node', 'npm', 'npx', 'yarn', 'docker-entrypoint.sh', 'bash'],
});

add({
  repo: 'docker.io/library/python',
  tags: simpleTags(['latest', '3', '3.13', '3.12', '3.11', '3.10', '3.9', 'slim', 'alpine', '3.13-slim', '3.12-slim', '3.11-slim', '3.13-alpine', '3.12-alpine', '3-slim', '3-alpine'], '3.13'),
  size: 389548172,
  cmd: ['python3'],
  env: { PATH: PATH_DEFAULT, LANG: 'C.UTF-8', GPG_KEY: '7169605F62C751356D054A26A821E680E5FA6305', PYTHON_VERSION: '3.13.3', PYTHON_SHA256: 'e15c76f47c8b8e5d8fc0ff8d1ffaa2fc1d6b2c1a1a2b1b3c1e3d6d9e2e3f6f7a' },
  shell: true,
  commands: ['python', 'python3', 'pip', 'pip3', 'bash'],
  servers: {},
});

add({
  repo: 'docker.io/traefik/whoami',
  tags: simpleTags(['latest', 'v1.11', 'v1.11.0', 'v1.10', 'v1.10.4', 'v1.10.3', 'v1.10.1', 'v1.9.0', 'v1.8.7'], 'v1.11.0'),
  size: 3216416,
  entrypoint: ['/whoami'],
  env: { PATH: PATH_DEFAULT },
  shell: false,
  servers: { whoami: 'whoami' },
  ports: [80],
  stopSeconds: 0.05,
});

add({
  repo: 'registry.k8s.io/echoserver',
  tags: simpleTags(['1.4', '1.10'], '1.10'),
  size: 46175219,
  sizes: { '1.4': 45461728 },
  cmd: ['/usr/local/bin/run.sh'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['run.sh', 'nginx', 'bash'],
  servers: { 'run.sh': 'echoserver', nginx: 'echoserver' },
  ports: [8080, 8443],
  stopSeconds: 0.2,
});

add({
  repo: 'docker.io/nginxdemos/hello',
  tags: simpleTags(['latest', 'plain-text', '0.4', '0.4-plain-text', '0.3'], '0.4'),
  size: 18714126,
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  env: { PATH: PATH_DEFAULT, NGINX_VERSION: '1.27.5' },
  shell: true,
  commands: ['nginx', 'docker-entrypoint.sh'],
  servers: { nginx: 'hello', 'docker-entrypoint.sh': 'hello' },
  ports: [80],
  stopSeconds: 0.1,
});

add({
  repo: 'docker.io/hashicorp/http-echo',
  tags: simpleTags(['latest', '1.0', '1.0.0', '0.2.3'], '1.0.0'),
  size: 3595246,
  entrypoint: ['/http-echo'],
  env: { PATH: PATH_DEFAULT },
  shell: false,
  servers: { 'http-echo': 'http-echo' },
  ports: [5678],
  stopSeconds: 0.05,
});

add({
  repo: 'gcr.io/google-samples/hello-app',
  tags: simpleTags(['1.0', '2.0'], '1.0'),
  size: 11087523,
  entrypoint: ['./hello-app'],
  env: { PATH: PATH_DEFAULT },
  shell: false,
  servers: { 'hello-app': 'hello-app' },
  ports: [8080],
  stopSeconds: 0.05,
});

add({
  repo: 'registry.k8s.io/hpa-example',
  tags: simpleTags(['latest'], 'latest'),
  size: 181433410,
  cmd: ['apache2-foreground'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['apache2-foreground', 'php', 'bash'],
  servers: { 'apache2-foreground': 'php-apache' },
  ports: [80],
  stopSeconds: 1,
});

add({
  repo: 'docker.io/curlimages/curl',
  tags: simpleTags(['latest', '8.13.0', '8.12.1', '8.11.1', '8.10.1', '8.8.0', '8.5.0'], '8.13.0'),
  size: 10114852,
  entrypoint: ['/entrypoint.sh'],
  cmd: ['curl'],
  env: { PATH: PATH_DEFAULT, CURL_VERSION: '8.13.0' },
  shell: true,
  commands: ['curl', 'entrypoint.sh'],
});

add({
  repo: 'registry.k8s.io/pause',
  tags: simpleTags(['3.10', '3.9', '3.8', '3.7', '3.6'], '3.10'),
  size: 320368,
  entrypoint: ['/pause'],
  env: {},
  shell: false,
  servers: { pause: 'pause' },
  stopSeconds: 0.01,
});

// The official perl images (the Job walk-through's perl:5.34.0). Simplification: the image's
// CMD names the versioned binary (`perl5.34.0 -de0`), here `perl -de0`; sizes are approximate
// (the full images are built on buildpack-deps, the slim ones on debian slim).
const PERL_VERSIONS: Record<string, string> = { '5.34': '5.34.3', '5.36': '5.36.3', '5.38': '5.38.4', '5.40': '5.40.2', '5.40.2': '5.40.2', '5.34.0': '5.34.0', '5.34.1': '5.34.1', '5.36.0': '5.36.0', '5.38.0': '5.38.0', '5.38.2': '5.38.2', '5.38.4': '5.38.4', '5.36.3': '5.36.3', '5.34.3': '5.34.3' };
const PERL_TAGS = new Map<string, string>();
for (const [t, v] of Object.entries({ ...PERL_VERSIONS, latest: '5.40.2', '5': '5.40.2', stable: '5.40.2', slim: '5.40.2', threaded: '5.40.2' })) {
  PERL_TAGS.set(t, v);
  if (/^\d/.test(t)) for (const sfx of ['-slim', '-threaded', '-bullseye', '-bookworm', '-slim-bullseye', '-slim-bookworm']) PERL_TAGS.set(`${t}${sfx}`, v);
}
add({
  repo: 'docker.io/library/perl',
  tags: PERL_TAGS,
  size: 345120334,
  sizes: { '5.34.0': 336327150, '5.34': 336392418, '5.34.1': 336392418, '5.34.3': 336392418, slim: 54612372, '5.40-slim': 54612372, '5.34-slim': 49118325, '5.34.0-slim': 49094212 },
  cmd: ['perl', '-de0'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['perl', 'bash', 'cpan', 'cpanm', 'perldoc', 'sed', 'awk', 'find', 'xargs', 'curl', 'wget'],
  perl: true,
  workdir: '/',
  files: { '/etc/os-release': DEBIAN_OS_RELEASE },
});

// registry.k8s.io/nginx-slim, the StatefulSet tutorial's image: a small nginx (ingress-nginx's
// old nginx-slim builds). Simplification: the nginx versions per tag and the sizes are
// approximate; nginx before 1.19 logs nothing at start, as these images do.
add({
  repo: 'registry.k8s.io/nginx-slim',
  tags: new Map([['0.8', '1.11.1'], ['0.20', '1.13.3'], ['0.21', '1.13.3'], ['0.22', '1.13.5'], ['0.23', '1.13.5'], ['0.24', '1.13.6'], ['0.25', '1.13.6'], ['0.26', '1.13.7'], ['0.27', '1.13.8']]),
  size: 44219832,
  sizes: { '0.8': 18622048, '0.20': 43831021, '0.21': 43983511, '0.24': 44219832 },
  cmd: ['nginx', '-g', 'daemon off;'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['nginx'],
  servers: { nginx: 'nginx' },
  ports: [80],
  stopSeconds: 0.1,
  files: {
    '/usr/share/nginx/html/index.html': NGINX_WELCOME,
    '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
  },
});

// The DaemonSet walk-through's fluentd (built from kubernetes' cluster/addons/fluentd-elasticsearch
// image, `run.sh` execs fluentd with FLUENTD_ARGS="--no-supervisor -q": quiet, so with the
// image's default configuration it logs nothing). Sizes approximate.
add({
  repo: 'quay.io/fluentd_elasticsearch/fluentd',
  tags: new Map([['v2.5.2', '1.4.2'], ['v2.6.0', '1.5.1'], ['v2.7.0', '1.6.3'], ['v2.8.0', '1.7.4'], ['v2.9.0', '1.10.4'], ['v3.0.2', '1.11.5'], ['v3.1.0', '1.12.0']]),
  size: 56431950,
  sizes: { 'v2.5.2': 56431950, 'v2.6.0': 57109822 },
  entrypoint: ['/run.sh'],
  env: { PATH: PATH_DEFAULT, FLUENTD_ARGS: '--no-supervisor -q' },
  shell: true,
  commands: ['fluentd', 'run.sh', 'ruby', 'gem', 'bash'],
  servers: { 'run.sh': 'generic', fluentd: 'generic' },
  ports: [],
  stopSeconds: 0.5,
  files: { '/etc/fluent/fluent.conf': "# This is the root config file, which only includes components of the actual configuration\n\n# Do not collect fluentd's own logs to avoid infinite loops.\n<match fluent.**>\n  @type null\n</match>\n\n@include /etc/fluent/config.d/*.conf\n" },
});

// System images of a v1.32 kubeadm cluster with flannel.
const K8S = 'v1.32.5';
for (const [name, size, kind, ports] of [
  ['kube-apiserver', 28673064, 'kube-apiserver', [6443]],
  ['kube-controller-manager', 26259426, 'kube-controller-manager', [10257]],
  ['kube-scheduler', 20655418, 'kube-scheduler', [10259]],
  ['kube-proxy', 30894155, 'kube-proxy', [10249, 10256]],
] as const) {
  add({
    repo: `registry.k8s.io/${name}`,
    tags: new Map([[K8S, K8S]]),
    size,
    entrypoint: [`/usr/local/bin/${name}`],
    env: { PATH: PATH_DEFAULT },
    shell: false,
    servers: { [name]: kind },
    ports: [...ports],
    stopSeconds: 0.3,
  });
}
add({
  repo: 'registry.k8s.io/etcd',
  tags: new Map([['3.5.16-0', '3.5.16'], ['3.5.15-0', '3.5.15']]),
  size: 57680541,
  cmd: ['/usr/local/bin/etcd'],
  env: { PATH: PATH_DEFAULT },
  shell: false,
  servers: { etcd: 'etcd' },
  ports: [2379, 2380, 2381],
  stopSeconds: 0.3,
});
add({
  repo: 'registry.k8s.io/coredns/coredns',
  tags: new Map([['v1.11.3', '1.11.3'], ['v1.11.1', '1.11.1']]),
  size: 18562039,
  entrypoint: ['/coredns'],
  env: { PATH: PATH_DEFAULT },
  shell: false,
  servers: { coredns: 'coredns' },
  ports: [53, 8080, 8181, 9153],
  stopSeconds: 5,
});
add({
  repo: 'ghcr.io/flannel-io/flannel',
  tags: new Map([['v0.26.4', '0.26.4']]),
  size: 29800736,
  entrypoint: ['/opt/bin/flanneld'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['flanneld', 'cp'],
  servers: { flanneld: 'flannel' },
  stopSeconds: 0.2,
});
add({
  repo: 'ghcr.io/flannel-io/flannel-cni-plugin',
  tags: new Map([['v1.6.2-flannel1', '1.6.2']]),
  size: 4856838,
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['cp'],
});
add({
  repo: 'registry.k8s.io/metrics-server/metrics-server',
  tags: new Map([['v0.7.2', '0.7.2'], ['v0.7.1', '0.7.1']]),
  size: 19494617,
  entrypoint: ['/metrics-server'],
  env: { PATH: PATH_DEFAULT },
  shell: false,
  servers: { 'metrics-server': 'generic' },
  ports: [10250],
  stopSeconds: 0.2,
});
// The ingress-nginx controller (`kubeplay addon enable ingress`); its HTTP routing is
// src/engine/network/ingress.ts. Simplification: the image's dumb-init wrapper is left out of
// the entrypoint; the size is approximate.
add({
  repo: 'registry.k8s.io/ingress-nginx/controller',
  tags: new Map([['v1.12.2', '1.12.2']]),
  size: 105876349,
  cmd: ['/nginx-ingress-controller'],
  env: { PATH: PATH_DEFAULT },
  shell: true,
  commands: ['nginx', 'nginx-ingress-controller', 'dumb-init', 'wait-shutdown'],
  servers: { 'nginx-ingress-controller': 'generic' },
  ports: [80, 443, 8443, 10254],
  stopSeconds: 1,
});

/** Old names that resolve to the same images (k8s.gcr.io redirects to registry.k8s.io). */
function lookupRepo(ref: ImageRef): ImageInfo | undefined {
  const info = CATALOGUE.get(ref.repo);
  if (info) return info;
  if (ref.domain === 'k8s.gcr.io') return CATALOGUE.get(`registry.k8s.io/${ref.path}`);
  if (ref.domain === 'index.docker.io' || ref.domain === 'registry-1.docker.io') return CATALOGUE.get(`docker.io/${ref.path}`);
  if (ref.domain === 'mirror.gcr.io') return CATALOGUE.get(`docker.io/${ref.path}`);
  return undefined;
}

/** A resolved, pullable image. */
export interface ResolvedImage {
  ref: ImageRef;
  info: ImageInfo;
  /** Version text for logs (`1.27.5`). */
  version: string;
  size: number;
  /** `sha256:<64 hex>` */
  digest: string;
  /** `docker.io/library/nginx@sha256:...` as containerStatuses[].imageID. */
  imageID: string;
}

export type PullFault = 'notfound' | 'unauthorized' | 'ratelimit' | 'unavailable';

/** containerd's pull error (the text after `rpc error: code = ... desc = `). */
export function pullError(ref: ImageRef, reason: 'tag' | 'repo' | 'host' | PullFault): string {
  const head = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
  switch (reason) {
    case 'tag':
    case 'notfound':
      return `rpc error: code = NotFound desc = ${head}: ${ref.full}: not found`;
    case 'repo':
    case 'unauthorized':
      return `rpc error: code = Unknown desc = ${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    case 'host':
      return `rpc error: code = Unknown desc = ${head}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${ref.domain} on 172.18.0.1:53: no such host`;
    case 'ratelimit':
      return `rpc error: code = Unknown desc = ${head}: unexpected status from HEAD request to https://registry-1.docker.io/v2/${ref.path}/manifests/${ref.tag}: 429 Too Many Requests - Server message: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit`;
    case 'unavailable':
      return `rpc error: code = Unknown desc = ${head}: failed to do request: Head "https://${ref.domain === 'docker.io' ? 'registry-1.docker.io' : ref.domain}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: i/o timeout`;
  }
}

/** Resolves a reference against the catalogue: the image, or the containerd error text. */
export function resolveImage(ref: ImageRef): { ok: true; image: ResolvedImage } | { ok: false; error: string } {
  const info = lookupRepo(ref);
  if (!info) {
    const knownHosts = ['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'ghcr.io', 'quay.io', 'mcr.microsoft.com', 'public.ecr.aws', 'index.docker.io', 'registry-1.docker.io', 'mirror.gcr.io', 'us-docker.pkg.dev'];
    const reason = !knownHosts.includes(ref.domain) ? 'host' : ref.domain === 'docker.io' || ref.domain === 'gcr.io' ? 'repo' : 'tag';
    return { ok: false, error: pullError(ref, reason) };
  }
  let version: string | undefined;
  if (ref.digest) version = info.tags.get('latest') ?? [...info.tags.values()][0];
  else version = info.tags.get(ref.tag);
  if (version === undefined) return { ok: false, error: pullError(ref, 'tag') };
  const size = info.sizes?.[ref.tag] ?? info.size;
  const digest = ref.digest ?? `sha256:${pseudoDigest(`${info.repo}:${version}:${ref.tag.includes('alpine') ? 'alpine' : ''}`)}`;
  return { ok: true, image: { ref, info, version, size, digest, imageID: `${info.repo}@${digest}` } };
}

/** Seconds a pull of `size` bytes takes on a typical link, before jitter. */
export function pullSeconds(size: number, cached: boolean): number {
  if (cached) return 0.4 + Math.min(0.8, size / 4e8);
  return 0.6 + size / 28e6;
}

/** Go's time.Duration.String() of milliseconds truncated to ms: `741ms`, `2.345s`, `1m2.5s`. */
export function goDuration(ms: number): string {
  ms = Math.floor(ms);
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sText = `${s.toFixed(3).replace(/\.?0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sText}`;
  if (m > 0) return `${m}m${sText}`;
  return sText;
}

/** Images already on every node of a kubeadm + flannel cluster (pulled by kubeadm / the DaemonSets). */
export const PRELOADED_WORKER = [
  `registry.k8s.io/kube-proxy:${K8S}`,
  'registry.k8s.io/pause:3.10',
  'ghcr.io/flannel-io/flannel:v0.26.4',
  'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1',
];
export const PRELOADED_CONTROL_PLANE = [
  'registry.k8s.io/etcd:3.5.16-0',
  `registry.k8s.io/kube-apiserver:${K8S}`,
  `registry.k8s.io/kube-controller-manager:${K8S}`,
  `registry.k8s.io/kube-scheduler:${K8S}`,
  'registry.k8s.io/coredns/coredns:v1.11.3',
  ...PRELOADED_WORKER,
];

/** Resolves a reference known to exist (the preloaded system images). */
export function mustResolve(raw: string): ResolvedImage {
  const p = parseImageRef(raw);
  if (!p.ok) throw new Error(p.message);
  const r = resolveImage(p.ref);
  if (!r.ok) throw new Error(r.error);
  return r.image;
}
