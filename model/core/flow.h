#pragma once

#include "geometry.h"
#include "propertyvalue.h"

#include <string>
#include <vector>

namespace bulkhead {

/** A data flow between two elements; bidirectional flows carry data both ways. */
struct Flow
{
    std::string id;
    std::string name;
    std::string source;
    std::string target;
    bool bidirectional = false;
    PropertyMap properties;
    /** Optional bend points of the drawn connector, in scene coordinates. */
    std::vector<Point> points;
    friend bool operator==(const Flow &, const Flow &) = default;
};

} // namespace bulkhead
