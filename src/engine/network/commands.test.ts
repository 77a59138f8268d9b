import { describe, expect, it } from 'vitest';
import { playScript } from '../shell/script';
import { registerProgram } from '../shell/programs';
import { hostCurl, kubeplayAddon, kubeplayTraffic } from './commands';

// Under test names, so that the shell's own `kubeplay` and `curl` entries stay untouched.
registerProgram('np-traffic', kubeplayTraffic);
registerProgram('np-addon', kubeplayAddon);
registerProgram('np-curl', hostCurl);

const APP = `kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl expose deployment web --port=80
sleep 20
`;

describe('kubeplay traffic', () => {
  it('sends the requests over simulated time and prints the per-pod distribution', () => {
    const out = playScript(`${APP}np-traffic web --rate 20 --duration 5\n`, { seed: 3 });
    const tail = out.slice(out.indexOf('$ np-traffic'));
    const lines = tail.split('\n');
    expect(lines[1]).toMatch(/^Sending 20 requests per second to http:\/\/10\.\d+\.\d+\.\d+\/ \(service default\/web\) from node control-plane for 5s \(100 requests\)\.\.\.$/);
    expect(lines[2]).toBe('POD                    REQUESTS   SHARE');
    const rows = lines.slice(3, 6).map((l) => /^(web-[a-z0-9]+-[a-z0-9]{5})   (\d+) +(\d+\.\d)%$/.exec(l));
    expect(rows.every(Boolean)).toBe(true);
    expect(rows.reduce((n, r) => n + Number(r![2]), 0)).toBe(100);
    expect(lines[6]).toBe('100 requests: 100 succeeded, 0 failed');
    // The clock moved by the duration: the next command sees it.
    expect(out).toContain('$ np-traffic web --rate 20 --duration 5\n');
  });

  it('follows pods into and out of the service as they are deleted and replaced', () => {
    const out = playScript(`${APP}np-traffic web --duration 3\nkubectl delete pod -l app=web --wait=false\nsleep 20\nnp-traffic web --duration 3\n`, { seed: 5 });
    const [, before, after] = out.split('$ np-traffic');
    const pods = (t: string): string[] => [...t.matchAll(/^(web-\S+) +\d+ +[\d.]+%$/gm)].map((m) => m[1]);
    expect(pods(before)).toHaveLength(3);
    expect(pods(after)).toHaveLength(3);
    expect(pods(after).filter((p) => pods(before).includes(p))).toEqual([]);
    expect(after).toMatch(/30 requests: 30 succeeded, 0 failed\n$/);
  });

  it('sends from a pod through the cluster DNS with --from', () => {
    const out = playScript(`${APP}kubectl run client --image=busybox:1.36 -- sleep 3600\nsleep 5\nnp-traffic web --from client --rate 5 --duration 2\n`);
    expect(out).toContain('Sending 5 requests per second to http://web/ (service default/web) from pod client for 2s (10 requests)...\n');
    expect(out).toMatch(/10 requests: 10 succeeded, 0 failed\n$/);
  });

  it('rejects unknown services and bad flags', () => {
    const out = playScript('np-traffic nope\nnp-traffic web --rate 0\nnp-traffic\n');
    expect(out).toBe(
      '$ np-traffic nope\nkubeplay: service "nope" not found in namespace "default"\n' +
        '$ np-traffic web --rate 0\nkubeplay: invalid argument "0" for "--rate": must be a whole number from 1 to 1000\nSee \'kubeplay traffic --help\'.\n' +
        "$ np-traffic\nkubeplay: traffic needs exactly one Service name\nSee 'kubeplay traffic --help'.\n",
    );
  });
});

describe('kubeplay addon and curl from outside', () => {
  it('installs ingress-nginx whose address serves Ingresses to a curl outside the cluster', () => {
    const out = playScript(
      `np-addon enable ingress
sleep 40
kubectl get pods -n ingress-nginx
kubectl get svc -n ingress-nginx
${APP}kubectl create ingress web --class=nginx --rule=web.example.com/*=web:80
sleep 60
kubectl get ingress
np-curl -s -o /dev/null -w '%{http_code}\\n' -H 'Host: web.example.com' http://172.18.255.200/
np-curl -s -H 'Host: other.example.com' http://172.18.255.200/
`,
      {},
    );
    expect(out).toContain('$ np-addon enable ingress\nnamespace/ingress-nginx created\n');
    expect(out).toMatch(/ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5}   1\/1     Running   0          40s\n/);
    expect(out).toMatch(/ingress-nginx-controller             LoadBalancer   10\.\d+\.\d+\.\d+ +172\.18\.255\.200   80:3\d{4}\/TCP,443:3\d{4}\/TCP   40s\n/);
    expect(out).toMatch(/\$ kubectl get ingress\nNAME   CLASS   HOSTS             ADDRESS          PORTS   AGE\nweb    nginx   web\.example\.com   172\.18\.255\.200   80      60s\n/);
    expect(out).toContain("-H 'Host: web.example.com' http://172.18.255.200/\n200\n");
    expect(out).toMatch(/<center><h1>404 Not Found<\/h1><\/center>\r\n<hr><center>nginx<\/center>\r\n/);
  });
});
