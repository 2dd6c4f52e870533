import { Foundation1764150000000 } from './1764150000000-foundation';
import { Blueprints1764160000000 } from './1764160000000-blueprints';
import { Credentials1764170000000 } from './1764170000000-credentials';
import { Tenancy1764180000000 } from './1764180000000-tenancy';
import { Clusters1764190000000 } from './1764190000000-clusters';
import { NodeCallbacks1764260000000 } from './1764260000000-node-callbacks';
import { AutoscalingPolicies1764270000000 } from './1764270000000-autoscaling-policies';
import { ClusterLaunchedAt1764280000000 } from './1764280000000-cluster-launched-at';
import { FaultFences1764290000000 } from './1764290000000-fault-fences';
import { Webhooks1764300000000 } from './1764300000000-webhooks';

/** Every migration in the order it must run. */
export const MIGRATIONS = [Foundation1764150000000, Blueprints1764160000000, Credentials1764170000000, Tenancy1764180000000, Clusters1764190000000, NodeCallbacks1764260000000, AutoscalingPolicies1764270000000, ClusterLaunchedAt1764280000000, FaultFences1764290000000, Webhooks1764300000000];
