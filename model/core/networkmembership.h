#pragma once

#include "propertyvalue.h"

#include <set>
#include <string>
#include <vector>

namespace bulkhead {

class ThreatModel;

/** An element's `networks` list before and after the boundaries it names are removed. */
struct NetworksChange
{
    std::string elementId;
    StringList before;
    StringList after;
};

/**
 * What removing `removedBoundaries` does to the `networks` of the elements that stay: each one
 * that lists a removed boundary loses that id, so it never names a boundary that is gone.
 * Elements in `removedElements` go with their own properties and are left out.
 */
std::vector<NetworksChange> networksWithout(const ThreatModel &model,
                                            const std::set<std::string> &removedBoundaries,
                                            const std::set<std::string> &removedElements);

} // namespace bulkhead
