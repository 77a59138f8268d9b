/**
 * ImageLocality score (pkg/scheduler/framework/plugins/imagelocality): favours nodes that already
 * have the pod's images, scaled by how many nodes have them (spread) and clamped between 23 MB
 * and 1000 MB per container. Weight 1.
 */
import { MAX_NODE_SCORE, type CycleState, type Handle, type NodeInfo, type PodInfo, type ScorePlugin } from '../types';

export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: `nginx` -> `nginx:latest`; digests and tags are kept. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

/**
 * calculatePriority. Worked example: one container, a 187 MB image on all nodes ->
 * 100 * (187 MB - 23 MB) / (1000 MB - 23 MB) = 16.
 */
export function imageScore(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

const IMAGES_KEY = 'ImageLocality/images';

export const imageLocality: ScorePlugin = {
  name: IMAGE_LOCALITY,
  scoreAll(state, pod, nodes, h, out) {
    const images = podImages(state, pod);
    const total = h.nodeInfos().length;
    // The spread factor of each image is the same on every node: computed once per cycle.
    const spread = images.map((img) => h.imageNumNodes(img) / total);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      let sum = 0;
      if (node.images.size > 0) {
        for (let j = 0; j < images.length; j++) {
          const size = node.images.get(images[j]);
          if (size !== undefined) sum += Math.trunc(size * spread[j]);
        }
      }
      out[i] = imageScore(sum, images.length);
    }
  },
  score(state, pod, node, h) {
    return scoreNode(podImages(state, pod), node, h.nodeInfos().length, h);
  },
};

function podImages(state: CycleState, pod: PodInfo): string[] {
  let images = state.read<string[]>(IMAGES_KEY);
  if (!images) {
    const spec = pod.pod.spec ?? {};
    images = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c: { image?: string }) => normalizedImageName(c.image ?? ''));
    state.write(IMAGES_KEY, images);
  }
  return images;
}

function scoreNode(images: string[], node: NodeInfo, total: number, h: Handle): number {
  let sum = 0;
  if (node.images.size > 0) {
    for (const img of images) {
      const size = node.images.get(img);
      // scaledImageScore: size * (nodes having the image / all nodes), truncated.
      if (size !== undefined) sum += Math.trunc(size * (h.imageNumNodes(img) / total));
    }
  }
  return imageScore(sum, images.length);
}
