export { seededRandom } from '@recon/domain';

export const randomInt = (random: () => number, below: number): number => Math.floor(random() * below);
