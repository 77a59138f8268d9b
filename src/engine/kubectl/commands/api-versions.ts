/** `kubectl api-versions` (apiresources/apiversions.go): the served group/versions, sorted. */
import { RESOURCES, apiVersionOf } from '../../api/resources';
import { defineCommand } from '../command';

export const apiVersions = defineCommand<void>({
  name: 'api-versions',
  help: '',
  flags: [],
  run(_, k) {
    // Simplification: only the group/versions of the resources the simulation serves.
    const versions = [...new Set(RESOURCES.map(apiVersionOf))].sort();
    k.out.write(versions.map((v) => `${v}\n`).join(''));
  },
});
