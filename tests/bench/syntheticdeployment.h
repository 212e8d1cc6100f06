#pragma once

#include "core/threatmodel.h"

#include <cstddef>

namespace bulkhead::bench {

/**
 * A synthetic container deployment of about `elementCount` elements and as many flows:
 * clusters of hosts, each host a boundary holding containers, a cache and a database, with
 * ingress traffic from internet users, a registry, a secrets store and CI per cluster.
 * Properties vary with a fixed seed, so every run builds the same model.
 */
ThreatModel makeSyntheticDeployment(std::size_t elementCount);

} // namespace bulkhead::bench
