import type { NodeStatus } from '../../providers/spi';
import type { YarnLoad } from './hadoop-verifier';

/** One probe's figures, kept as a sample and exported as metrics. */
export interface HealthFigures {
  nodesByStatus: Partial<Record<NodeStatus, number>>;
  /** Per measured member component (DATANODE, NODEMANAGER): live as the master counts them, and requested. */
  members: { component: string; label: string; live: number | null; requested: number }[];
  /** How busy YARN is, when the ResourceManager answered (pull providers). */
  yarn?: YarnLoad;
}
