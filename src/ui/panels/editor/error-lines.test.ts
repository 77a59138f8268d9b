import { describe, expect, it } from 'vitest';
import { fieldErrors, locateField, parseFieldPath, problemsIn } from './error-lines';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ""
`;

describe('error lines', () => {
  it('parses field paths with indexes', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });

  it('reads the field errors of an Invalid message', () => {
    const out =
      'The Deployment "web" is invalid: \n' +
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0';
    expect(fieldErrors(out)).toEqual([{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }]);
  });

  it('reads several field errors in brackets', () => {
    const out =
      'The Pod "p" is invalid: [spec.containers[0].image: Required value, spec.containers[0].name: Invalid value: "A": a lowercase RFC 1123 label must consist of ..., metadata.name: Required value]';
    expect(fieldErrors(out).map((e) => e.field)).toEqual(['spec.containers[0].image', 'spec.containers[0].name', 'metadata.name']);
  });

  it('finds the line of a field, or of its deepest existing parent', () => {
    expect(locateField(deployment, ['spec', 'replicas'])).toEqual({ line: 6, column: 3 });
    expect(locateField(deployment, ['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({ line: 17, column: 9 });
    expect(locateField(deployment, ['spec', 'strategy', 'type'])).toEqual({ line: 5, column: 1 });
  });

  it('picks the document of the named object in a multi-document file', () => {
    const two = `apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: []\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports: []\n`;
    expect(locateField(two, ['spec', 'ports'], 'b')).toEqual({ line: 13, column: 3 });
  });

  it('places every problem of kubectl output in the file', () => {
    const out = 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n';
    expect(problemsIn(deployment, out)).toEqual([
      { field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0', line: 6, column: 3 },
    ]);
  });
});
