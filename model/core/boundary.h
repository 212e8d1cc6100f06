#pragma once

#include "geometry.h"
#include "propertyvalue.h"

#include <string>

namespace bulkhead {

/** A trust boundary (host, cluster, namespace, network, ...); boundaries nest through parent. */
struct Boundary
{
    std::string id;
    std::string kind;
    std::string name;
    /** Id of the enclosing boundary; empty for a top-level boundary. */
    std::string parent;
    PropertyMap properties;
    Rect geometry;
    friend bool operator==(const Boundary &, const Boundary &) = default;
};

} // namespace bulkhead
